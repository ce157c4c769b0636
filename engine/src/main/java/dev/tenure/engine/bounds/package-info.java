/** What a stored value may be, the one place for the bounds of every field a source, a person or a rule set sends. */
package dev.tenure.engine.bounds;
