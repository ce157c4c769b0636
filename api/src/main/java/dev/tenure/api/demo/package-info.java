/**
 * Generates and loads the demo data set: 60 fictional customer accounts with 60 days of history,
 * a few of which are visibly in trouble so that every starter rule has something to fire on.
 */
package dev.tenure.api.demo;
