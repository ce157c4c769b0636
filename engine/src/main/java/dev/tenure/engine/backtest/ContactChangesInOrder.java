package dev.tenure.engine.backtest;

import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.Signal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts a period's contact changes among its stored signals, each at its moment (a change before a signal of
 * the same moment), so a replay sees them as the events they were live. Signals must come oldest first.
 */
final class ContactChangesInOrder {

    private final Deque<ContactSignal> changes;
    private final Consumer<Signal> to;

    /** {@code changes} oldest first, as {@code AccountHistory.contactChanges} gives them. */
    ContactChangesInOrder(List<ContactSignal> changes, Consumer<Signal> to) {
        this.changes = new ArrayDeque<>(changes);
        this.to = to;
    }

    /** Hands on the changes that happened by this signal's moment, then the signal. */
    void accept(Signal signal) {
        while (!changes.isEmpty() && !changes.peek().occurredAt().isAfter(signal.occurredAt())) {
            to.accept(changes.poll());
        }
        to.accept(signal);
    }

    /** Hands on the changes after the last signal. */
    void finish() {
        while (!changes.isEmpty()) {
            to.accept(changes.poll());
        }
    }
}
