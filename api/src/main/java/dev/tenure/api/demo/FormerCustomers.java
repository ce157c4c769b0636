package dev.tenure.api.demo;

import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Customers who left in the last two months, so the health page's churn report has something to judge:
 * five were POOR for months before they cancelled (one of them contracted first), one slid from AVERAGE
 * to POOR, one was GOOD and closed down without warning. They have no usage or tickets in the demo's
 * history window (they had stopped using the product before it), so no rule speaks to them on load.
 *
 * @param poorFromDaysAgo   when health fell to POOR (null: never); before that AVERAGE from
 *                          {@code averageFromDaysAgo} (null: GOOD until POOR), GOOD before that
 * @param contractedDaysAgo when the MRR was cut by 40% (null: never)
 */
record FormerCustomers(String name, Segment segment, String csm, int startedDaysAgo, int cancelledDaysAgo,
                       Integer averageFromDaysAgo, Integer poorFromDaysAgo, Integer contractedDaysAgo, int mrr) {

    static final List<FormerCustomers> ALL = List.of(
            new FormerCustomers("Wildflower Events", Segment.LOW_TOUCH, DemoAccounts.CSMS.get(0), 700, 45, 170, 140, null, 3_000),
            new FormerCustomers("Basalt Mining Supply", Segment.LOW_TOUCH, DemoAccounts.CSMS.get(1), 900, 38, 150, 120, 70, 4_500),
            new FormerCustomers("Gullwing Travel", Segment.TECH_TOUCH, DemoAccounts.CSMS.get(2), 500, 50, 140, 110, null, 300),
            new FormerCustomers("Marigold Bakery", Segment.TECH_TOUCH, DemoAccounts.CSMS.get(3), 450, 40, 130, 100, null, 250),
            new FormerCustomers("Sable Fitness", Segment.TECH_TOUCH, DemoAccounts.CSMS.get(0), 800, 60, 160, 130, null, 350),
            new FormerCustomers("Opal Coast Dental", Segment.LOW_TOUCH, DemoAccounts.CSMS.get(1), 600, 42, 150, 75, null, 2_800),
            new FormerCustomers("Birchwood Academy", Segment.TECH_TOUCH, DemoAccounts.CSMS.get(2), 400, 55, null, null, null, 400));

    String slug() {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    String id() {
        return "demo-" + slug();
    }

    /** The band health gave the account that many days before today. */
    String bandOn(int daysAgo) {
        if (poorFromDaysAgo != null && daysAgo <= poorFromDaysAgo) {
            return "POOR";
        }
        return averageFromDaysAgo != null && daysAgo <= averageFromDaysAgo ? "AVERAGE" : "GOOD";
    }

    /** Renewal on the next contract anniversary: never near, since the contract ended. */
    Account account(LocalDate today) {
        LocalDate started = today.minusDays(startedDaysAgo);
        LocalDate renewal = started.plusYears(1);
        while (renewal.isBefore(today.plusDays(DemoAccounts.QUIET_RENEWAL_DAYS))) {
            renewal = renewal.plusYears(1);
        }
        return new Account(id(), name, segment, Stage.VALUE, csm, BigDecimal.valueOf(mrr * 12L),
                segment == Segment.LOW_TOUCH ? "Business" : "Team", started, renewal, "Europe/London");
    }

    /** The whole set in one batch: accounts, their champion, the MRR they paid, cuts and cancellations. */
    static Batch batch(LocalDate today) {
        Batch.Builder batch = new Batch.Builder();
        for (FormerCustomers f : ALL) {
            Account account = f.account(today);
            batch.add("demo account " + f.id(), account);
            Contact champion = new Contact(f.id(), "champion@" + f.slug() + ".example", "Champion of " + f.name,
                    ContactRole.CHAMPION, null, true, false);
            batch.add("demo contact " + champion.email(), champion);
            BigDecimal mrr = BigDecimal.valueOf(f.mrr());
            add(batch, f.signal("mrr-start", today.minusDays(365), BillingEvent.MRR_CHANGED, mrr));
            if (f.contractedDaysAgo() != null) {
                add(batch, f.signal("mrr-cut", today.minusDays(f.contractedDaysAgo()), BillingEvent.MRR_CHANGED,
                        mrr.multiply(BigDecimal.valueOf(0.6)).setScale(2, java.math.RoundingMode.HALF_UP)));
            }
            add(batch, f.signal("cancelled", today.minusDays(f.cancelledDaysAgo()), BillingEvent.SUBSCRIPTION_CANCELLED,
                    BigDecimal.ZERO));
        }
        return batch.build();
    }

    private static void add(Batch.Builder batch, BillingSignal signal) {
        batch.add(signal.externalId(), signal);
    }

    private BillingSignal signal(String what, LocalDate day, BillingEvent event, BigDecimal amount) {
        return new BillingSignal("demo", "demo-billing-" + slug() + "-" + what, id(), DemoAccount.at(day, 9, 0), event,
                amount, BillingHistory.CURRENCY, null);
    }
}
