package dev.tenure.engine.tasks;

/** OPEN tasks wait for their owner; SNOOZED ones until a date; DONE ones have an outcome. */
public enum TaskStatus { OPEN, SNOOZED, DONE }
