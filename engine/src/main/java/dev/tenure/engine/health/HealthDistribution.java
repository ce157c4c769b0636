package dev.tenure.engine.health;

import java.time.LocalDate;
import java.util.Map;

/**
 * Accounts per health band as of the end of {@code asOf} (each account's latest score by then), in all, by
 * segment and by CSM. Accounts not started yet, and accounts cancelled and not reactivated by then, are not
 * counted. {@code csm} and {@code segment} say what the figures were narrowed to (null: not narrowed).
 */
public record HealthDistribution(LocalDate asOf, String csm, String segment, BandCounts all,
                                 Map<String, BandCounts> bySegment, Map<String, BandCounts> byCsm) {
}
