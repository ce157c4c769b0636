package dev.tenure.engine.metrics;

import java.util.Map;

/** A row's figures by name, in a fixed order: what a CSV export writes, one line per figure. */
public interface Figures {

    Map<String, Object> named();
}
