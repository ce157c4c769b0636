package dev.tenure.engine.testing;

import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.TicketStatus;
import dev.tenure.engine.vocabulary.UsageSignal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds scenario data for tests: one account (with a unique id, since all tests share one database)
 * and its contacts and signals, with times relative to the test clock's now ("12 days ago").
 */
public final class TestData {

    private final List<Labeled<Contact>> contacts = new ArrayList<>();
    private final List<Labeled<Signal>> signals = new ArrayList<>();
    private final Instant now = TestClock.now();
    private Account account;
    private int sequence;

    private TestData(Account account) {
        this.account = account;
    }

    /** A healthy account in the VALUE stage, started a year ago, renewing in 200 days, with a champion. */
    public static TestData account(String name, Segment segment) {
        String id = name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = TestClock.today();
        Account account = new Account(id, name, segment, Stage.VALUE, "csm-" + id + "@tenure.test",
                BigDecimal.valueOf(24000), "growth", today.minusDays(365 + 45), today.plusDays(200), "Europe/Berlin");
        return new TestData(account).contact(ContactRole.CHAMPION);
    }

    public TestData stage(Stage stage) {
        return replace(new Account(account.id(), account.name(), account.segment(), stage, account.csm(), account.arr(),
                account.plan(), account.startedOn(), account.renewalOn(), account.timezone()));
    }

    /** Owned by this CSM (an email address) instead of the account's own made-up one. */
    public TestData csm(String email) {
        return replace(new Account(account.id(), account.name(), account.segment(), account.stage(), email, account.arr(),
                account.plan(), account.startedOn(), account.renewalOn(), account.timezone()));
    }

    public TestData arr(BigDecimal arr) {
        return replace(new Account(account.id(), account.name(), account.segment(), account.stage(), account.csm(), arr,
                account.plan(), account.startedOn(), account.renewalOn(), account.timezone()));
    }

    public TestData startedDaysAgo(int days) {
        return replace(new Account(account.id(), account.name(), account.segment(), account.stage(), account.csm(),
                account.arr(), account.plan(), TestClock.today().minusDays(days), account.renewalOn(), account.timezone()));
    }

    public TestData renewsInDays(int days) {
        return replace(new Account(account.id(), account.name(), account.segment(), account.stage(), account.csm(),
                account.arr(), account.plan(), account.startedOn(), TestClock.today().plusDays(days), account.timezone()));
    }

    public TestData timezone(String timezone) {
        return replace(new Account(account.id(), account.name(), account.segment(), account.stage(), account.csm(),
                account.arr(), account.plan(), account.startedOn(), account.renewalOn(), timezone));
    }

    public TestData contact(ContactRole role) {
        return contact(role, null);
    }

    /** A contact who lives in {@code timezone} (a zone id, or null for the account's). */
    public TestData contact(ContactRole role, String timezone) {
        String email = role.name().toLowerCase() + "@" + account.id() + ".test";
        contacts.add(new Labeled<>("contact " + email, new Contact(account.id(), email, "Pat " + role.name().charAt(0) + role.name().substring(1).toLowerCase(),
                role, timezone, true, false)));
        return this;
    }

    /** {@code perDay} uses of a feature on each day from {@code fromDaysAgo} to {@code toDaysAgo}, inclusive. */
    public TestData usage(String feature, int fromDaysAgo, int toDaysAgo, long perDay) {
        for (int d = fromDaysAgo; d >= toDaysAgo; d--) {
            Instant at = now.truncatedTo(ChronoUnit.DAYS).minus(d, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
            signal("usage " + feature + " -" + d + "d", new UsageSignal("test", nextId("usage"), account.id(), at,
                    feature, perDay, 5));
        }
        return this;
    }

    public TestData ticket(TicketPriority priority, TicketStatus status, int daysAgo) {
        String ticketId = "T-" + (++sequence);
        signal("ticket " + ticketId, new TicketSignal("test", nextId("ticket"), account.id(), daysAgo(daysAgo),
                ticketId, priority, status, "Something is broken"));
        return this;
    }

    public TestData billing(BillingEvent event, int daysAgo) {
        signal("billing " + event, new BillingSignal("test", nextId("billing"), account.id(), daysAgo(daysAgo), event,
                BigDecimal.valueOf(2000), "USD", "INV-" + (++sequence)));
        return this;
    }

    /**
     * A billing event with this event id, for tests of signals at the same moment: ids that sort against the order
     * the signals arrive in.
     */
    public TestData billing(String eventId, BillingEvent event, int daysAgo) {
        signal("billing " + event, new BillingSignal("test", account.id() + "-" + eventId, account.id(), daysAgo(daysAgo),
                event, BigDecimal.valueOf(2000), "USD", "INV-" + (++sequence)));
        return this;
    }

    /** An update of one ticket with this event id (see {@link #billing(String, BillingEvent, int)}). */
    public TestData ticket(String eventId, String ticketId, TicketPriority priority, TicketStatus status, int daysAgo) {
        signal("ticket " + ticketId, new TicketSignal("test", account.id() + "-" + eventId, account.id(), daysAgo(daysAgo),
                ticketId, priority, status, "Something is broken"));
        return this;
    }

    /** A billing event at this moment: one ahead of now is a sender's clock running fast, or a date typed wrong. */
    public TestData billingAt(BillingEvent event, Instant at) {
        signal("billing " + event, new BillingSignal("test", nextId("billing"), account.id(), at, event,
                BigDecimal.valueOf(2000), "USD", "INV-" + (++sequence)));
        return this;
    }

    public TestData nps(int score, int daysAgo) {
        signal("nps " + score, new NpsSignal("test", nextId("nps"), account.id(), daysAgo(daysAgo),
                "champion@" + account.id() + ".test", score, "Score " + score));
        return this;
    }

    /** A CSAT answer (1–5) about a ticket of its own. */
    public TestData csat(int score, int daysAgo) {
        signal("csat " + score, new CsatSignal("test", nextId("csat"), account.id(), daysAgo(daysAgo),
                "champion@" + account.id() + ".test", score, "T-" + (++sequence)));
        return this;
    }

    public Account account() {
        return account;
    }

    public String id() {
        return account.id();
    }

    public Batch batch() {
        return new Batch(List.of(new Labeled<>("account " + account.id(), account)), contacts, signals);
    }

    /** The signals alone, without the account record: what a billing webhook or a signals file sends. */
    public Batch signalsOnly() {
        return Batch.ofSignals(signals);
    }

    /** The same account again, with none of the contacts and signals: for a second delivery. */
    public TestData next() {
        TestData next = new TestData(account);
        next.sequence = sequence;
        return next;
    }

    private void signal(String label, Signal signal) {
        signals.add(new Labeled<>(label, signal));
    }

    private TestData replace(Account changed) {
        this.account = changed;
        return this;
    }

    private Instant daysAgo(int days) {
        return now.minus(days, ChronoUnit.DAYS);
    }

    private String nextId(String kind) {
        return account.id() + "-" + kind + "-" + (++sequence);
    }
}
