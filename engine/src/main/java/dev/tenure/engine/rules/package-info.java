/**
 * The rule runtime: compiles the rule set in {@code rules/} (DRL, plays, templates) into a fresh
 * KieContainer, evaluates one account's facts against it, recording why each play started, and swaps
 * in a changed rule set without a restart once it has passed every check. What a rule may call is decided
 * from the bytecode Drools compiles it into, and every evaluation runs within a time limit.
 */
package dev.tenure.engine.rules;
