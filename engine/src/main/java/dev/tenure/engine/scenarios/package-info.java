/**
 * Scenario tests of a rule set ({@code rules/tests/*.yml}): given an account, its contacts and signals at
 * relative times, expect these plays, milestones, stage and health band. Run in memory, with no database:
 * in the build, from the command line, through the API, as a gate before a rule set goes live, and as a
 * dry run of one posted scenario.
 */
package dev.tenure.engine.scenarios;
