package dev.tenure.engine.backtest;

import dev.tenure.engine.health.ChurnReportProperties;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.plays.SendWindow;
import dev.tenure.engine.plays.StepPlacement;
import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.TicketStatus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Five accounts over January and February 2011, with alerts and cancellations whose scores are worked
 * out by hand (see {@link HandComputedBacktestUnitTest}), and a rule set of two churn rules and one
 * journey rule made for them.
 * <pre>
 *   A  NPS 3 on Jan 10, NPS 2 on Jan 15 (cooldown), cancels Feb 9      detractor 30 days ahead
 *   B  NPS 2 on Jan 20, payment fails Jan 25, cancels Feb 4            detractor 15 days, payment 10 days ahead
 *   C  NPS 4 on Feb 1, a ticket on Feb 10, stays                        false alarm
 *   D  cancels Jan 15, NPS 1 on Jan 20                                  missed: its alert came too late
 *   E  payment fails Jan 5, paid Jan 8, stays                           false alarm
 * </pre>
 * Before the period: C answered NPS 9 on Dec 20 and E paid on Dec 15 (history, read but not evaluated);
 * C answered NPS 0 on Sep 1, before the history either replay reads (35 days here, 84 in a stored backtest): never read.
 */
final class BacktestFixture {

    static final Instant FROM = Instant.parse("2011-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2011-03-01T00:00:00Z");

    static final String DETRACTOR = "Detractor";
    static final String FAILED_PAYMENT = "Failed payment";
    static final String RECENT_TICKET = "Recent ticket";

    final String a;
    final String b;
    final String c;
    final String d;
    final String e;
    private final List<Account> accounts = new ArrayList<>();
    private final List<Account> formerCustomers = new ArrayList<>();
    private final List<Signal> signals = new ArrayList<>();
    private int sequence;

    BacktestFixture(String suffix) {
        a = account("bt-a-" + suffix);
        b = account("bt-b-" + suffix);
        c = account("bt-c-" + suffix);
        d = account("bt-d-" + suffix);
        e = account("bt-e-" + suffix);
        nps(a, "2011-01-10", 3).nps(a, "2011-01-15", 2).billing(a, "2011-02-09", BillingEvent.SUBSCRIPTION_CANCELLED);
        nps(b, "2011-01-20", 2).billing(b, "2011-01-25", BillingEvent.PAYMENT_FAILED)
                .billing(b, "2011-02-04", BillingEvent.SUBSCRIPTION_CANCELLED);
        nps(c, "2010-09-01", 0).nps(c, "2010-12-20", 9).nps(c, "2011-02-01", 4).ticket(c, "2011-02-10");
        billing(d, "2011-01-15", BillingEvent.SUBSCRIPTION_CANCELLED).nps(d, "2011-01-20", 1);
        billing(e, "2010-12-15", BillingEvent.INVOICE_PAID).billing(e, "2011-01-05", BillingEvent.PAYMENT_FAILED)
                .billing(e, "2011-01-08", BillingEvent.INVOICE_PAID);
    }

    /** As the live engine's defaults: UTC, business hours 09:00–17:00. */
    static final StepPlacement PLACEMENT = new StepPlacement(ZoneOffset.UTC,
            new SendWindow.BusinessHours(LocalTime.of(9, 0), LocalTime.of(17, 0)));

    /** As the live engine's defaults. */
    static final ChurnReportProperties JUDGEMENT = new ChurnReportProperties(5, 2.0, 365);

    /** The fixture replayed in memory, without PostgreSQL, as the backtest would replay it from there. */
    BacktestReport replayInMemory(int workers) {
        return replayInMemory(workers, BacktestReport.DEFAULT_WINDOW_DAYS);
    }

    /** The same with a window of {@code windowDays}. */
    BacktestReport replayInMemory(int workers, int windowDays) {
        return replayInMemory(new RuleSetCompiler().compile(rules()), workers, windowDays);
    }

    /** The fixture replayed through other rules. */
    BacktestReport replayInMemory(RuleSet rules, int workers, int windowDays) {
        List<Instant> daily = DailyTimes.between("0 0 6 * * ?", ZoneOffset.UTC, FROM, TO);
        List<AccountStart> starts = starts();
        Replay replay = new Replay(rules, rules.health(), PLACEMENT, starts, daily, FROM, TO, workers);
        signals().stream().filter(s -> !s.occurredAt().isBefore(FROM.minus(Duration.ofDays(35)))).forEach(replay::accept);
        return BacktestReport.of(rules, FROM, TO, windowDays, replay.finish(), Duration.ofSeconds(1),
                JUDGEMENT);
    }

    /** In path order, as read from a folder, so a stored copy hashes to the same version. */
    static RuleSetFiles rules() {
        return RuleSetFiles.of(List.of(
                drl("churn/detractor.drl", DETRACTOR, "NpsSignal( accountId == $a.id, score <= 6 )", "call-back"),
                drl("churn/payment.drl", FAILED_PAYMENT, "BillingStatus( accountId == $a.id, lastPaymentFailed )", "billing-check"),
                drl("journey/tickets.drl", RECENT_TICKET, "TicketLoad( accountId == $a.id, opened14d >= 1 )", "ticket-review"),
                play("billing-check", "0d"), play("call-back", "0d"), play("ticket-review", "5d")));
    }

    List<Account> accounts() {
        return accounts;
    }

    /** Every signal, oldest first. */
    List<Signal> signals() {
        return signals.stream().sorted(Comparator.comparing(Signal::occurredAt)).toList();
    }

    List<AccountStart> starts() {
        List<AccountStart> starts = new ArrayList<>(accounts.stream()
                .map(account -> AccountStart.fresh(account, List.of(champion(account)))).toList());
        formerCustomers.forEach(account -> starts.add(AccountStart.fresh(account, List.of(champion(account)))));
        return starts;
    }

    /** One more customer, without signals until some are added. */
    BacktestFixture withCustomer(String id) {
        account(id);
        return this;
    }

    /** One more customer in a time zone of its own, without signals until some are added. */
    BacktestFixture withCustomerIn(String id, String zone) {
        accounts.add(new Account(id, id, Segment.LOW_TOUCH, Stage.VALUE, "csm@" + id + ".test", BigDecimal.valueOf(12000),
                "growth", LocalDate.of(2010, 1, 1), null, zone));
        return this;
    }

    /** An account that had churned before the period, with no signal in it. */
    BacktestFixture withFormerCustomer(String id) {
        formerCustomers.add(new Account(id, id, Segment.LOW_TOUCH, Stage.CHURNED, "csm@" + id + ".test",
                BigDecimal.valueOf(12000), "growth", LocalDate.of(2010, 1, 1), null, "UTC"));
        return this;
    }

    /**
     * An account whose payment failed at the very moment it cancelled (an export stamped by the day), the failure stored
     * first: taken in together, as one batch, it starts no play for customers.
     */
    BacktestFixture withFailureAsItCancelled(String id, String date) {
        String account = account(id);
        return billing(account, date, BillingEvent.PAYMENT_FAILED).billing(account, date, BillingEvent.SUBSCRIPTION_CANCELLED);
    }

    /**
     * An account whose payment fails on {@code failedOn} and is never paid, and which cancels on {@code cancelledOn},
     * each at 10:00: after the daily evaluation of that day.
     */
    BacktestFixture withFailureUnpaidUntilItCancels(String id, String failedOn, String cancelledOn) {
        String account = account(id);
        return billing(account, failedOn, BillingEvent.PAYMENT_FAILED).billing(account, cancelledOn, BillingEvent.SUBSCRIPTION_CANCELLED);
    }

    Batch batch() {
        Batch.Builder batch = new Batch.Builder();
        accounts.forEach(account -> batch.add("account " + account.id(), account).add("contact", champion(account)));
        signals.forEach(signal -> batch.add(signal.externalId(), signal));
        return batch.build();
    }

    static Instant at(String date) {
        return Instant.parse(date + "T10:00:00Z");
    }

    private String account(String id) {
        accounts.add(new Account(id, id, Segment.LOW_TOUCH, Stage.VALUE, "csm@" + id + ".test", BigDecimal.valueOf(12000),
                "growth", LocalDate.of(2010, 1, 1), null, "UTC"));
        return id;
    }

    private static Contact champion(Account account) {
        return new Contact(account.id(), "champion@" + account.id() + ".test", "Pat", ContactRole.CHAMPION, null, true, false);
    }

    BacktestFixture nps(String account, String date, int score) {
        return nps(account, at(date), score);
    }

    /** An NPS answer at a moment other than 10:00. */
    BacktestFixture nps(String account, Instant at, int score) {
        signals.add(new NpsSignal("fixture", account + "-" + (++sequence), account, at, null, score, null));
        return this;
    }

    BacktestFixture billing(String account, String date, BillingEvent event) {
        return billing(account, at(date), event);
    }

    /** A billing signal at a moment other than 10:00. */
    BacktestFixture billing(String account, Instant at, BillingEvent event) {
        signals.add(new BillingSignal("fixture", account + "-" + (++sequence), account, at, event,
                BigDecimal.valueOf(1000), "USD", "INV-" + sequence));
        return this;
    }

    private BacktestFixture ticket(String account, String date) {
        signals.add(new TicketSignal("fixture", account + "-" + (++sequence), account, at(date), "T-" + sequence,
                TicketPriority.P3, TicketStatus.OPEN, "Export is slow"));
        return this;
    }

    private static RuleFile drl(String path, String rule, String condition, String play) {
        return new RuleFile(path, """
                package %s;

                import dev.tenure.engine.vocabulary.*;

                global Playbook playbook;

                rule "%s"
                when
                    $a : Account()
                    %s
                then
                    playbook.start("%s", $a);
                end
                """.formatted(path.substring(0, path.indexOf('/')), rule, condition, play));
    }

    private static RuleFile play(String id, String lastStepDelay) {
        return new RuleFile("plays/" + id + ".yml", """
                name: %s
                goal: The customer stays
                cooldown: 30d
                steps:
                  - type: task
                    delay: 0d
                    title: "Look into it"
                  - type: task
                    delay: %s
                    title: "Follow up"
                """.formatted(id, lastStepDelay));
    }
}
