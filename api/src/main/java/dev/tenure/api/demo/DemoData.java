package dev.tenure.api.demo;

import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketSignal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The demo data set: 60 fictional customer accounts (12 high touch, 18 low touch, 30 tech touch), owned
 * by 4 CSMs, with 3–5 contacts each and 60 days of history up to "today": daily usage of {@code core},
 * {@code reports} and {@code integrations}, support tickets (with a CSAT answer after each solved one), monthly
 * invoices and NPS answers; and, before that, two years of MRR changes ({@link RevenueHistory}) and a year of
 * quarterly NPS answers ({@link PastNpsHistory}), so the
 * metrics have a year behind them (first value and past QBRs are written by {@link DemoLoader}). Every
 * signal comes from source {@code demo} with an external id built from the account and the day (for
 * example {@code demo-usage-juniper-legal-core-2026-10-01}), so loading the same day twice adds nothing.
 *
 * <p>Most accounts are steady and start no play. These ones are in the middle of a story, so that each
 * starter rule fires as soon as the data set is loaded ({@link Story} says what each story is made of;
 * plays are in {@code rules/plays/}, rules in {@code rules/churn/} and {@code rules/journey/}):
 *
 * <table>
 *   <caption>Demo accounts that start a play on load</caption>
 *   <tr><th>Account</th><th>Segment</th><th>What happened</th><th>Play started</th></tr>
 *   <tr><td>Meridian Freight Group</td><td>high touch</td><td>usage of every feature down to ~40% for the last 8 days (core −58%)</td><td>save-usage-drop</td></tr>
 *   <tr><td>Juniper Legal</td><td>low touch</td><td>same</td><td>save-usage-drop</td></tr>
 *   <tr><td>Cinder Coffee Roasters</td><td>tech touch</td><td>same</td><td>save-usage-drop-tech-touch</td></tr>
 *   <tr><td>Ripple Swim School</td><td>tech touch</td><td>same</td><td>save-usage-drop-tech-touch</td></tr>
 *   <tr><td>Granite Peak Telecom</td><td>high touch</td><td>P2 opened 9 days ago (solved), P2 5 days ago (pending), P1 2 days ago (open)</td><td>ticket-escalation</td></tr>
 *   <tr><td>Nimbus Payroll</td><td>low touch</td><td>same</td><td>ticket-escalation</td></tr>
 *   <tr><td>Saltmarsh Brewing Co.</td><td>low touch</td><td>latest invoice (9–12 days ago): card charge and the retry 3 days later both failed</td><td>failed-payment</td></tr>
 *   <tr><td>Foxglove Florists</td><td>tech touch</td><td>same</td><td>failed-payment</td></tr>
 *   <tr><td>Helios Health Partners</td><td>high touch</td><td>champion answered NPS 3–5, 2–4 days ago</td><td>nps-detractor</td></tr>
 *   <tr><td>Kestrel Aviation Services</td><td>low touch</td><td>same</td><td>nps-detractor</td></tr>
 *   <tr><td>Pinecone Analytics</td><td>low touch</td><td>onboarding, started 22–36 days ago, the whole team uses core daily (hundreds of uses a week)</td><td>first-value-congrats (and moves to ADOPTION)</td></tr>
 *   <tr><td>Lantern Tutoring</td><td>tech touch</td><td>same</td><td>first-value-congrats (and moves to ADOPTION)</td></tr>
 *   <tr><td>Orchard Valley Foods</td><td>low touch</td><td>onboarding, started 38–42 days ago, used only on its first 3 days (one ticket: "Invite email went to spam")</td><td>onboarding-nudge</td></tr>
 *   <tr><td>Sparrow Photography</td><td>tech touch</td><td>same</td><td>onboarding-nudge</td></tr>
 *   <tr><td>Tidewater Pharmaceuticals</td><td>high touch</td><td>renews in 40–75 days; usage down to 25% for 8 days, open P1 and P2 from 3 weeks ago, last NPS a 2 (10–13 days ago): health 40</td><td>renewal-risk and save-usage-drop; the renewal cadence (its 120- and 90-day steps skipped)</td></tr>
 *   <tr><td>Harbor Lane Credit Union</td><td>low touch</td><td>same</td><td>renewal-risk and save-usage-drop; the renewal cadence (its 120- and 90-day steps skipped)</td></tr>
 *   <tr><td>Alder Street Bank</td><td>high touch</td><td>next QBR in 5–12 days</td><td>qbr (cadence)</td></tr>
 *   <tr><td>Larkspur University Hospitals</td><td>high touch</td><td>next QBR in 5–12 days</td><td>qbr (cadence)</td></tr>
 * </table>
 *
 * <p>The other 42 accounts are steady: flat usage with a few percent of noise and quiet weekends, a few
 * P3/P4 tickets (a P2 now and then, solved weeks ago), invoices paid, NPS 7–10 answered at least 9 days
 * ago, renewal at least 130 days away and, for high-touch accounts, the next QBR at least 20 days away.
 * About half of them had a usage dip 5–9 weeks ago and a save play for it, or were held out of it
 * ({@link PastSavePlay}): their usage history reaches back far enough for that play's baseline, and the
 * loader records those runs, so play outcomes have runs whose horizon has passed.
 *
 * <p>Ranges ("5–12 days") are drawn per account from a fixed seed: the data set is the same for the same
 * day, and its stories hold whatever day it is generated for.
 *
 * <p>The data set is cut into batches of whole accounts: an account arrives together with its contacts
 * and its entire history, so the engine, which evaluates the accounts a batch touched, never judges an
 * account on half of its history (a first-value account without its recent usage looks stalled).
 */
final class DemoData {

    static final long SEED = 20_260_101L;
    /** About this many records per batch; each batch is one transaction. */
    static final int BATCH_SIZE = 2_000;

    private final DemoAccounts accounts;
    private final DemoContacts contacts;
    private final UsageHistory usage;
    private final TicketHistory tickets;
    private final BillingHistory billing;
    private final NpsHistory nps;
    private final long seed;
    private final RevenueHistory revenue;
    private final CsatHistory csat;
    private final PastNpsHistory pastNps;

    DemoData() {
        this(SEED);
    }

    DemoData(long seed) {
        this.accounts = new DemoAccounts(seed);
        this.contacts = new DemoContacts(seed);
        this.usage = new UsageHistory(seed);
        this.tickets = new TicketHistory(seed);
        this.billing = new BillingHistory(seed);
        this.nps = new NpsHistory(seed);
        this.seed = seed;
        this.revenue = new RevenueHistory(seed);
        this.csat = new CsatHistory(seed);
        this.pastNps = new PastNpsHistory(seed);
    }

    /** The demo accounts as of {@code today}, each with its story. */
    List<DemoAccount> accounts(LocalDate today) {
        return accounts.on(today);
    }

    /** The save plays some steady accounts had weeks before {@code today}, by account id. */
    java.util.Map<String, PastSavePlay> pastSavePlays(LocalDate today) {
        java.util.Map<String, PastSavePlay> plays = new java.util.LinkedHashMap<>();
        for (DemoAccount account : accounts(today)) {
            PastSavePlay.of(account, seed, today).ifPresent(p -> plays.put(account.id(), p));
        }
        return plays;
    }

    /** The whole data set as of {@code today}, in the order to feed it to the engine. */
    List<Batch> batches(LocalDate today) {
        List<Batch> batches = new ArrayList<>();
        Batch.Builder batch = new Batch.Builder();
        for (DemoAccount account : accounts(today)) {
            List<Contact> people = contacts.of(account);
            List<Signal> history = history(account, people, today);
            if (batch.size() > 0 && batch.size() + 1 + people.size() + history.size() > BATCH_SIZE) {
                batches.add(batch.build());
                batch = new Batch.Builder();
            }
            Account a = account.account();
            batch.add("demo account " + a.id(), a);
            for (Contact c : people) {
                batch.add("demo contact " + c.email(), c);
            }
            for (Signal s : history) {
                batch.add(s.externalId(), s);
            }
        }
        if (batch.size() > 0) {
            batches.add(batch.build());
        }
        return batches;
    }

    /** Everything that happened at the account, oldest first, as the sources would have sent it. */
    private List<Signal> history(DemoAccount account, List<Contact> people, LocalDate today) {
        List<Signal> signals = new ArrayList<>();
        signals.addAll(usage.of(account, today));
        List<TicketSignal> ticketHistory = tickets.of(account, today);
        signals.addAll(ticketHistory);
        signals.addAll(csat.of(account, people, ticketHistory, today));
        signals.addAll(revenue.of(account, today));
        signals.addAll(billing.of(account, today));
        List<NpsSignal> recentNps = nps.of(account, people, today);
        signals.addAll(recentNps);
        signals.addAll(pastNps.of(account, people, recentNps, today));
        signals.sort(Comparator.comparing(Signal::occurredAt));
        return signals;
    }
}
