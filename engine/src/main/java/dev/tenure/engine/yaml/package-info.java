/**
 * Reading the YAML files people write (plays, {@code facts.yml}, {@code health.yml}, scenarios, tuning files):
 * the one place where a text that cannot be read is told at the line it failed at. Depends on nothing of the
 * engine, so every package that reads YAML can use it.
 */
package dev.tenure.engine.yaml;
