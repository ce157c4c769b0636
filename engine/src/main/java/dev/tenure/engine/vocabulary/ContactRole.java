package dev.tenure.engine.vocabulary;

/** What a contact is to the account; plays address email steps by role. */
public enum ContactRole { CHAMPION, EXEC_SPONSOR, ADMIN, BILLING, USER }
