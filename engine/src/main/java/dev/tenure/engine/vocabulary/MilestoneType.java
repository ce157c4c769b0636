package dev.tenure.engine.vocabulary;

/** Journey milestones an account can reach. */
public enum MilestoneType { ACTIVATED, FIRST_VALUE, ADOPTED, RENEWAL_WINDOW, RENEWED }
