package dev.tenure.connectors.records;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of record a source can send, by the name used in webhook requests and file names. */
public enum RecordKind {
    ACCOUNTS("accounts"),
    CONTACTS("contacts"),
    USAGE("usage"),
    TICKETS("tickets"),
    BILLING("billing"),
    NPS("nps"),
    CSAT("csat");

    private final String label;

    RecordKind(String label) {
        this.label = label;
    }

    /** The name sources use: {@code usage}, {@code tickets}, ... */
    public String label() {
        return label;
    }

    /** Accounts and contacts describe who the customer is; the other kinds are signals. */
    public boolean signal() {
        return this != ACCOUNTS && this != CONTACTS;
    }

    public static Optional<RecordKind> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.label.equals(wanted)).findFirst();
    }

    /** The kind a file name starts with ({@code usage-2026-11.csv} is usage), ignoring case. */
    public static Optional<RecordKind> prefixOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> lower.startsWith(k.label)).findFirst();
    }

    /** "accounts, contacts, usage, tickets, billing, nps, csat", for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(RecordKind::label).collect(Collectors.joining(", "));
    }
}
