/**
 * The health score: a model CS ops tune in {@code rules/health.yml} (3–5 weighted components and the bands),
 * scores kept as history with their band, and the reports over them (an account's trend, accounts per band,
 * whether health predicted churn).
 */
package dev.tenure.engine.health;
