package dev.tenure.connectors.records;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of record a source can send, by the name used in webhook requests and file names. */
public enum RecordKind {
    ACCOUNTS("accounts", Account.class),
    CONTACTS("contacts", Contact.class),
    USAGE("usage", UsageSignal.class),
    TICKETS("tickets", TicketSignal.class),
    BILLING("billing", BillingSignal.class),
    NPS("nps", NpsSignal.class),
    CSAT("csat", CsatSignal.class);

    private final String label;
    private final Class<?> recordType;

    RecordKind(String label, Class<?> recordType) {
        this.label = label;
        this.recordType = recordType;
    }

    /** The engine's record a record of this kind becomes: the type {@code RecordBounds} knows its fields' bounds by. */
    Class<?> recordType() {
        return recordType;
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
