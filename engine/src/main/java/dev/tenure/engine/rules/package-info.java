/**
 * The rule runtime: compiles the rule set in {@code rules/} (DRL, plays, templates) into a fresh
 * KieContainer and evaluates one account's facts against it, recording why each play started.
 */
package dev.tenure.engine.rules;
