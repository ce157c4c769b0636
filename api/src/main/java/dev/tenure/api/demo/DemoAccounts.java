package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Gives each company of the {@link Roster} its account: CSM, contract dates, stage, seats, ARR and plan.
 * Dates are drawn relative to "today" and redrawn until the account's story holds (a renewal-risk
 * account renews within 90 days, nobody else does; only the QBR story has a QBR within two weeks).
 */
final class DemoAccounts {

    static final List<String> CSMS = List.of("dana.reyes@tenure.example", "marcus.oyelaran@tenure.example",
            "priya.natarajan@tenure.example", "tom.lindqvist@tenure.example");
    /** The engine schedules QBRs every 90 days from the start of the contract. */
    static final int QBR_EVERY_DAYS = 90;
    /**
     * Accounts outside the renewal story renew no sooner than this: clear of the renewal-risk rule's 90 days
     * and of the renewal cadence, whose first step comes 120 days ahead.
     */
    static final int QUIET_RENEWAL_DAYS = 130;
    /** High-touch accounts outside the QBR story have their next QBR no sooner than this. */
    static final int QUIET_QBR_DAYS = 20;

    private static final List<String> TIMEZONES = List.of("America/New_York", "America/Chicago", "America/Denver",
            "America/Los_Angeles", "Europe/London", "Europe/Berlin", "Australia/Sydney");

    private final long seed;

    DemoAccounts(long seed) {
        this.seed = seed;
    }

    List<DemoAccount> on(LocalDate today) {
        List<DemoAccount> accounts = new ArrayList<>();
        for (int i = 0; i < Roster.COMPANIES.size(); i++) {
            accounts.add(account(Roster.COMPANIES.get(i), i, today));
        }
        return accounts;
    }

    private DemoAccount account(Roster.Company company, int index, LocalDate today) {
        String slug = company.slug();
        Random random = DemoAccount.random(seed, slug, "account");
        Contract contract = contract(company, today, random);
        int seats = seats(company, random);
        Account account = new Account("demo-" + slug, company.name(), company.segment(), contract.stage(),
                CSMS.get(index % CSMS.size()), arr(company.segment(), seats, random), plan(company.segment(), seats),
                contract.startedOn(), contract.renewalOn(), TIMEZONES.get(random.nextInt(TIMEZONES.size())));
        return new DemoAccount(account, company.story(), slug, seats);
    }

    private record Contract(LocalDate startedOn, LocalDate renewalOn, Stage stage) {
    }

    private static Contract contract(Roster.Company company, LocalDate today, Random random) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            Contract candidate = candidate(company.story(), today, random);
            if (fits(company, candidate, today)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no contract dates fit the story of " + company.name());
    }

    private static Contract candidate(Story story, LocalDate today, Random random) {
        switch (story) {
            case FIRST_VALUE -> {
                LocalDate started = today.minusDays(between(random, 22, 36));
                return new Contract(started, started.plusYears(1), Stage.ONBOARDING);
            }
            case ONBOARDING_STALLED -> {
                // Started early enough that its three days of trying lie before the 28-day usage baseline:
                // the account is idle, not "dropping", so only the onboarding nudge speaks to it.
                LocalDate started = today.minusDays(between(random, 38, 42));
                return new Contract(started, started.plusYears(1), Stage.ONBOARDING);
            }
            case RENEWAL_RISK -> {
                LocalDate renewal = today.plusDays(between(random, 40, 75));
                return new Contract(renewal.minusYears(between(random, 1, 2)), renewal, Stage.RENEWAL);
            }
            case QBR_DUE -> {
                long elapsed = QBR_EVERY_DAYS * between(random, 2, 6) + QBR_EVERY_DAYS - between(random, 5, 12);
                return ongoing(today.minusDays(elapsed), today);
            }
            default -> {
                return ongoing(today.minusDays(between(random, 120, 1_100)), today);
            }
        }
    }

    /** An account past onboarding, renewing on its next contract anniversary. */
    private static Contract ongoing(LocalDate started, LocalDate today) {
        LocalDate renewal = started.plusYears(1);
        while (!renewal.isAfter(today)) {
            renewal = renewal.plusYears(1);
        }
        Stage stage = ChronoUnit.DAYS.between(started, today) < 365 ? Stage.ADOPTION : Stage.VALUE;
        return new Contract(started, renewal, stage);
    }

    private static boolean fits(Roster.Company company, Contract contract, LocalDate today) {
        long toRenewal = ChronoUnit.DAYS.between(today, contract.renewalOn());
        boolean renewalFits = company.story() == Story.RENEWAL_RISK
                ? toRenewal >= 30 && toRenewal <= 80
                : toRenewal >= QUIET_RENEWAL_DAYS;
        if (company.segment() != Segment.HIGH_TOUCH) {
            return renewalFits;
        }
        long elapsed = ChronoUnit.DAYS.between(contract.startedOn(), today);
        long toQbr = QBR_EVERY_DAYS - elapsed % QBR_EVERY_DAYS;
        // A QBR falling due today is left to no account, whichever way a rule counts it.
        boolean qbrFits = company.story() == Story.QBR_DUE
                ? toQbr >= 5 && toQbr <= 12
                : toQbr >= QUIET_QBR_DAYS && elapsed % QBR_EVERY_DAYS != 0;
        return renewalFits && qbrFits;
    }

    private static int seats(Roster.Company company, Random random) {
        return switch (company.segment()) {
            case HIGH_TOUCH -> between(random, 150, 600);
            case LOW_TOUCH -> between(random, 25, 120);
            case TECH_TOUCH -> between(random, 5, 20);
        };
    }

    /** List price per seat and year, with the discount each deal got; rounded as sales would quote it. */
    private static BigDecimal arr(Segment segment, int seats, Random random) {
        int perSeat = switch (segment) {
            case HIGH_TOUCH -> between(random, 720, 900);
            case LOW_TOUCH -> between(random, 540, 660);
            case TECH_TOUCH -> between(random, 300, 420);
        };
        long rounding = segment == Segment.TECH_TOUCH ? 100 : 1_000;
        return BigDecimal.valueOf(Math.max(1, Math.round((double) seats * perSeat / rounding)) * rounding);
    }

    private static String plan(Segment segment, int seats) {
        return switch (segment) {
            case HIGH_TOUCH -> "Enterprise";
            case LOW_TOUCH -> "Business";
            case TECH_TOUCH -> seats <= 8 ? "Starter" : "Team";
        };
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}
