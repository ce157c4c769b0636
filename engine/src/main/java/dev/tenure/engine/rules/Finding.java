package dev.tenure.engine.rules;

/** Something a check found in a text, at an offset of that text; the caller knows the file and its lines. */
record Finding(int offset, String message) {
}
