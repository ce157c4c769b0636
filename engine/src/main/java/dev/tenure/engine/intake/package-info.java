/**
 * The engine's one way in: a batch of accounts, contacts and signals is stored (duplicates ignored),
 * rolled up, and the accounts it touched are evaluated against the rules, in one transaction; a daily
 * trigger evaluates every account again for rules about time.
 */
package dev.tenure.engine.intake;
