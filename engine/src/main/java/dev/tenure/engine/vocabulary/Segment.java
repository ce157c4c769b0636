package dev.tenure.engine.vocabulary;

/** How much human attention an account gets. */
public enum Segment { HIGH_TOUCH, LOW_TOUCH, TECH_TOUCH }
