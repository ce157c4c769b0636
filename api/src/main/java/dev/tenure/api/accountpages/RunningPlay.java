package dev.tenure.api.accountpages;

import java.time.Instant;
import java.util.List;

/** A running play on the account page: its steps to come and why it started. */
record RunningPlay(long id, String name, Instant startedAt, List<PendingStep> pending, WhyPanel why) {
}
