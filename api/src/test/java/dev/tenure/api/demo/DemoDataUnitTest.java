package dev.tenure.api.demo;

import dev.tenure.api.demo.DemoFacts.Rule;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Labeled;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data set without Spring or a database: its shape, its determinism, and for every story the
 * rule's threshold computed from the generated records ({@link DemoFacts}), on many load days, since the
 * loader generates the set for whatever day it runs.
 */
class DemoDataUnitTest {

    static final LocalDate TODAY = LocalDate.of(2026, 10, 15);

    private final DemoData demo = new DemoData();

    /** A year and a half of load days, every 11th, plus month ends and a leap day. */
    static Stream<LocalDate> loadDays() {
        return Stream.concat(Stream.iterate(LocalDate.of(2026, 1, 1), d -> d.plusDays(11)).limit(50),
                Stream.of(TODAY, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 12, 31), LocalDate.of(2028, 2, 29)));
    }

    static Set<Rule> rulesOf(Story story) {
        return switch (story) {
            case STEADY -> EnumSet.noneOf(Rule.class);
            case USAGE_DROP -> EnumSet.of(Rule.USAGE_DROP);
            case HIGH_PRIORITY_TICKETS -> EnumSet.of(Rule.URGENT_TICKETS);
            case PAYMENT_FAILED -> EnumSet.of(Rule.PAYMENT_FAILED);
            case DETRACTOR -> EnumSet.of(Rule.DETRACTOR);
            case FIRST_VALUE -> EnumSet.of(Rule.FIRST_VALUE);
            case ONBOARDING_STALLED -> EnumSet.of(Rule.ONBOARDING_NUDGE);
            // Usage fell 75%: the usage-drop rule cannot help seeing it.
            case RENEWAL_RISK -> EnumSet.of(Rule.RENEWAL_RISK, Rule.USAGE_DROP);
            case QBR_DUE -> EnumSet.of(Rule.QBR_PREP);
        };
    }

    @Test
    void sixty_accounts_across_the_three_segments_with_four_csms() {
        List<Account> accounts = records(demo.batches(TODAY), Batch::accounts);

        assertThat(accounts).hasSize(60).allSatisfy(a -> assertThat(a.id()).startsWith("demo-"));
        assertThat(accounts.stream().collect(Collectors.groupingBy(Account::segment, Collectors.counting())))
                .isEqualTo(Map.of(Segment.HIGH_TOUCH, 12L, Segment.LOW_TOUCH, 18L, Segment.TECH_TOUCH, 30L));
        assertThat(accounts.stream().map(Account::csm).collect(Collectors.toSet())).hasSize(4)
                .allSatisfy(csm -> assertThat(csm).matches("[a-z]+\\.[a-z]+@tenure\\.example"));
        assertThat(accounts).allSatisfy(a -> {
            assertThat(a.arr()).isPositive();
            assertThat(a.plan()).isNotBlank();
            assertThat(a.renewalOn()).isAfter(TODAY);
            assertThat(a.startedOn()).isBefore(TODAY);
        });
    }

    @Test
    void every_account_has_a_champion_and_a_billing_contact_at_its_own_domain() {
        List<Contact> contacts = records(demo.batches(TODAY), Batch::contacts);

        Map<String, List<Contact>> byAccount = contacts.stream().collect(Collectors.groupingBy(Contact::accountId));
        assertThat(byAccount).hasSize(60).allSatisfy((id, people) -> {
            assertThat(people).hasSizeBetween(3, 5);
            assertThat(people).filteredOn(c -> c.role() == ContactRole.CHAMPION).singleElement()
                    .matches(Contact::reachable);
            assertThat(people).filteredOn(c -> c.role() == ContactRole.BILLING).singleElement()
                    .matches(Contact::reachable);
            assertThat(people).allSatisfy(c -> assertThat(c.email()).endsWith("@" + id.substring(5) + ".example"));
            assertThat(people.stream().map(Contact::email).distinct()).hasSameSizeAs(people);
        });
    }

    @Test
    void every_signal_has_a_stable_id_of_its_own_and_none_lies_in_the_future() {
        List<Signal> signals = records(demo.batches(TODAY), Batch::signals);

        assertThat(signals).hasSizeGreaterThan(10_000).allSatisfy(s -> {
            assertThat(s.source()).isEqualTo("demo");
            assertThat(s.externalId()).startsWith("demo-" + s.kind() + "-" + s.accountId().substring(5) + "-");
            // Stamped no later than the first moment of the load day, so "now" is always after them.
            assertThat(s.occurredAt()).isBeforeOrEqualTo(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant());
        });
        assertThat(signals.stream().map(Signal::externalId).collect(Collectors.toSet())).hasSameSizeAs(signals);
        assertThat(signals.stream().map(Signal::kind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("usage", "ticket", "billing", "nps", "csat");
    }

    @Test
    void accounts_past_onboarding_have_sixty_days_of_core_and_integrations_usage() {
        List<Batch> batches = demo.batches(TODAY);
        DemoFacts facts = new DemoFacts(batches, TODAY);

        for (Account a : records(batches, Batch::accounts)) {
            if (a.stage() == Stage.ONBOARDING) {
                continue;
            }
            for (String feature : List.of("core", "integrations")) {
                // Accounts with a past save play have older history too, for that play's baseline.
                assertThat(facts.of(a.id(), UsageSignal.class).stream().filter(u -> u.feature().equals(feature))
                        .map(u -> LocalDate.ofInstant(u.occurredAt(), ZoneOffset.UTC)).distinct()
                        .filter(day -> !day.isBefore(TODAY.minusDays(59))))
                        .as("%s %s", a.id(), feature).hasSize(60)
                        .allSatisfy(day -> assertThat(day).isBetween(TODAY.minusDays(59), TODAY));
            }
            assertThat(facts.of(a.id(), UsageSignal.class)).anyMatch(u -> u.feature().equals("reports"));
        }
    }

    @Test
    void the_same_day_gives_the_same_data_set() {
        assertThat(new DemoData().batches(TODAY)).isEqualTo(new DemoData().batches(TODAY));
        assertThat(new DemoData(7).batches(TODAY)).isNotEqualTo(demo.batches(TODAY));
    }

    @Test
    void batches_carry_whole_accounts_and_stay_within_their_size() {
        List<Batch> batches = demo.batches(TODAY);

        assertThat(batches).hasSizeGreaterThan(3).allSatisfy(b -> {
            assertThat(b.size()).isLessThanOrEqualTo(DemoData.BATCH_SIZE);
            Set<String> accounts = b.accounts().stream().map(a -> a.value().id()).collect(Collectors.toSet());
            assertThat(b.contacts()).allMatch(c -> accounts.contains(c.value().accountId()));
            assertThat(b.signals()).allMatch(s -> accounts.contains(s.value().accountId()));
        });
    }

    @Test
    void stories_are_cast_as_documented() {
        Map<Story, List<DemoAccount>> cast = demo.accounts(TODAY).stream()
                .collect(Collectors.groupingBy(DemoAccount::story));

        assertThat(cast.get(Story.USAGE_DROP)).hasSize(4)
                .filteredOn(a -> a.account().segment() == Segment.TECH_TOUCH).hasSize(2);
        for (Story story : List.of(Story.HIGH_PRIORITY_TICKETS, Story.PAYMENT_FAILED, Story.DETRACTOR,
                Story.FIRST_VALUE, Story.ONBOARDING_STALLED, Story.RENEWAL_RISK, Story.QBR_DUE)) {
            assertThat(cast.get(story)).as(story.name()).hasSize(2);
        }
        assertThat(cast.get(Story.QBR_DUE)).allMatch(a -> a.account().segment() == Segment.HIGH_TOUCH);
        assertThat(cast.get(Story.RENEWAL_RISK)).noneMatch(a -> a.account().segment() == Segment.TECH_TOUCH);
    }

    @ParameterizedTest
    @MethodSource("loadDays")
    void each_story_fires_its_rules_and_steady_accounts_fire_none(LocalDate today) {
        DemoFacts facts = new DemoFacts(demo.batches(today), today);

        for (DemoAccount a : demo.accounts(today)) {
            for (int lag = 0; lag <= 1; lag++) {
                for (int slack = 0; slack <= 1; slack++) {
                    assertThat(facts.firing(a.id(), lag, slack))
                            .as("%s (%s) on %s, lag %d, slack %d", a.id(), a.story(), today, lag, slack)
                            .isEqualTo(rulesOf(a.story()));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("loadDays")
    void stories_meet_their_thresholds_with_room_to_spare(LocalDate today) {
        DemoFacts facts = new DemoFacts(demo.batches(today), today);

        for (DemoAccount a : demo.accounts(today)) {
            String id = a.id();
            long started = ChronoUnit.DAYS.between(a.account().startedOn(), today);
            switch (a.story()) {
                case USAGE_DROP -> assertThat(facts.sustainedChangePct(id, "core", 1)).as(id).isBetween(-70.0, -50.0);
                case FIRST_VALUE -> {
                    assertThat(started).as(id).isBetween(20L, 40L);
                    assertThat(facts.week(id, "core", 0)).as(id).isGreaterThanOrEqualTo(100);
                }
                case ONBOARDING_STALLED -> {
                    // Some early usage, all of it before the 28-day baseline: idle, not "dropping".
                    assertThat(facts.daysSinceLastUse(id)).as(id)
                            .hasValueSatisfying(d -> assertThat(d).isGreaterThan(35));
                    assertThat(facts.changePct(id, "core", 0)).as(id).isZero();
                }
                case RENEWAL_RISK -> {
                    assertThat(facts.daysToRenewal(id)).as(id).isBetween(30L, 80L);
                    assertThat(facts.health(id, 0)).as(id).isLessThan(45);
                    assertThat(facts.health(id, 1)).as(id).isLessThan(45);
                }
                case QBR_DUE -> assertThat(facts.daysToQbr(id)).as(id).isBetween(5L, 12L);
                default -> {
                }
            }
        }
    }

    private static <T> List<T> records(List<Batch> batches,
                                       Function<Batch, List<? extends Labeled<? extends T>>> part) {
        return batches.stream().flatMap(b -> part.apply(b).stream()).<T>map(Labeled::value).toList();
    }
}
