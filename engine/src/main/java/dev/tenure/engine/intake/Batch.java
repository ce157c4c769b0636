package dev.tenure.engine.intake;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.Signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a source delivers at once: accounts, contacts and signals, each with its label. */
public record Batch(List<Labeled<Account>> accounts, List<Labeled<Contact>> contacts, List<Labeled<Signal>> signals) {

    public Batch {
        accounts = List.copyOf(accounts);
        contacts = List.copyOf(contacts);
        signals = List.copyOf(signals);
    }

    public static Batch empty() {
        return new Batch(List.of(), List.of(), List.of());
    }

    public static Batch ofSignals(List<Labeled<Signal>> signals) {
        return new Batch(List.of(), List.of(), signals);
    }

    public boolean isEmpty() {
        return accounts.isEmpty() && contacts.isEmpty() && signals.isEmpty();
    }

    public int size() {
        return accounts.size() + contacts.size() + signals.size();
    }

    /** Collects a batch record by record, whatever kind each one is. */
    public static final class Builder {
        private final List<Labeled<Account>> accounts = new ArrayList<>();
        private final List<Labeled<Contact>> contacts = new ArrayList<>();
        private final List<Labeled<Signal>> signals = new ArrayList<>();

        public Builder add(String label, Object record) {
            return add(label, record, null);
        }

        /** A record the source says changed at {@code at} (kept with a contact's history; a signal has its own time). */
        public Builder add(String label, Object record, Instant at) {
            if (record instanceof Account a) {
                accounts.add(new Labeled<>(label, a, at));
            } else if (record instanceof Contact c) {
                contacts.add(new Labeled<>(label, c, at));
            } else if (record instanceof ContactSignal) {
                throw new IllegalArgumentException("a contact change is recorded from the contact, not sent as a signal: " + label);
            } else if (record instanceof Signal s) {
                signals.add(new Labeled<>(label, s));
            } else {
                throw new IllegalArgumentException("not an account, contact or signal: " + record);
            }
            return this;
        }

        public int size() {
            return accounts.size() + contacts.size() + signals.size();
        }

        public Batch build() {
            return new Batch(accounts, contacts, signals);
        }
    }
}
