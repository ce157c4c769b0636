package dev.tenure.engine.plays;

/** What a play step does when it comes due. */
public enum StepType { TASK, EMAIL }
