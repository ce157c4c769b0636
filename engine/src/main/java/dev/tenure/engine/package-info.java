/** The domain of Tenure: signals in, rules evaluated, plays run, tasks and emails out. No HTTP, no Camel. */
package dev.tenure.engine;
