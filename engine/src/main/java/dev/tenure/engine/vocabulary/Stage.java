package dev.tenure.engine.vocabulary;

/** Where an account is in its customer journey. */
public enum Stage { ONBOARDING, ADOPTION, VALUE, RENEWAL, EXPANSION, ADVOCACY }
