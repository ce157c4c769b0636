package dev.tenure.engine.health;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.rules.InvalidRuleSetException;
import dev.tenure.engine.rules.RuleFile;
import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.CsatAnswers;
import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.Today;
import dev.tenure.engine.vocabulary.UsageTrend;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.list;
import static org.assertj.core.groups.Tuple.tuple;

/** The health model read from health.yml: hand-computed scores, shares and bands; files that are refused, at their line. */
class HealthModelUnitTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-24");

    private static final String FIVE_COMPONENTS = """
            bands:
              good: 75
              average: 40
            components:
              - name: usage
                input: usageTrend
                weight: 40
                fallToZeroPct: 50
              - name: adoption
                input: keyFeatureAdoption
                weight: 20
                features: [reports, integrations, exports, api]
              - name: support
                input: supportLoad
                weight: 10
              - name: sentiment
                input: sentiment
                weight: 20
              - name: relationship
                input: relationship
                weight: 10
                champion: 70
                execSponsor: 30
            """;

    @Test
    void an_account_with_known_facts_scores_exactly_the_hand_computed_figures() {
        HealthModel model = model(FIVE_COMPONENTS);
        // usage -20% with zero at -50%: 60; 2 of 4 key features used within 30 days: 50; one P2 and one P3
        // open: 100 - 25 - 10 = 65; NPS 9: 90; a champion, no sponsor: 70.
        // 0.4*60 + 0.2*50 + 0.1*65 + 0.2*90 + 0.1*70 = 24 + 10 + 6.5 + 18 + 7 = 65.5, rounded 66: AVERAGE (40..74).
        FactSet facts = facts(-20, List.of(feature("reports", 3), feature("integrations", 29), feature("exports", 30)),
                new TicketLoad("acme", 0, 1, 1, 0, 2, 1, 2, 5), 9,
                List.of(contact(ContactRole.CHAMPION, true), contact(ContactRole.EXEC_SPONSOR, false)));

        HealthScore health = model.score(facts, 71, NOW);

        assertThat(health.score()).isEqualTo(66);
        assertThat(health.band()).isEqualTo("AVERAGE");
        assertThat(health.change()).isEqualTo(-5);
        assertThat(health.components()).extracting(HealthComponent::name, HealthComponent::score, HealthComponent::weight)
                .containsExactly(
                        tuple("usage", 60, 0.4),
                        tuple("adoption", 50, 0.2),
                        tuple("support", 65, 0.1),
                        tuple("sentiment", 90, 0.2),
                        tuple("relationship", 70, 0.1));
        assertThat(health.components().get(1).reason())
                .isEqualTo("2 of 4 key features used in the last 30 days (reports, integrations)");
        assertThat(health.components().get(4).reason()).isEqualTo("an active champion, no active executive sponsor");
        // Shares: each component's weighted points over the 65.5 points in all.
        List<Double> shares = HealthShares.of(health.components());
        assertThat(shares.get(0)).isCloseTo(24 / 65.5, within(1e-9));
        assertThat(shares.get(2)).isCloseTo(6.5 / 65.5, within(1e-9));
        assertThat(shares.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-9));
    }

    @Test
    void weights_written_as_fractions_score_the_same_as_percentages() {
        HealthModel fractions = model(FIVE_COMPONENTS.replace("weight: 40", "weight: 0.4").replace("weight: 20", "weight: 0.2")
                .replace("weight: 10", "weight: 0.1"));

        HealthScore health = fractions.score(facts(-20, List.of(), new TicketLoad("acme", 0, 0, 0, 0, 0, 0, 0, 0), null,
                List.of()), -1, NOW);

        // 0.4*60 + 0 + 0.1*100 + 0.2*70 (no answer) + 0 = 48: AVERAGE.
        assertThat(health.score()).isEqualTo(48);
        assertThat(health.band()).isEqualTo("AVERAGE");
    }

    @Test
    void the_shipped_model_scores_a_quiet_account_with_a_detractor_29_and_poor() {
        RuleSet rules = new RuleSetCompiler().compile(RuleSetFiles.read(Path.of("../rules")));
        // usage idle for 40 days: 0; one P1 open: 75; payments current: 100; NPS 3: 30; a champion: 50.
        // 0.55*0 + 0.15*75 + 0.1*100 + 0.1*30 + 0.1*50 = 29.25.
        FactSet facts = facts(0, List.of(), new TicketLoad("acme", 1, 0, 0, 0, 1, 1, 1, 20), 3,
                List.of(contact(ContactRole.CHAMPION, true)));
        FactSet idle = withUsage(facts, idleFor(40));

        HealthScore health = rules.health().score(idle, -1, NOW);

        assertThat(health.score()).isEqualTo(29);
        assertThat(health.band()).isEqualTo("POOR");
        assertThat(health.modelVersion()).isEqualTo(rules.version());
    }

    @Test
    void the_shipped_model_scores_an_idle_account_poor_even_with_everything_else_at_its_best() {
        RuleSet rules = new RuleSetCompiler().compile(RuleSetFiles.read(Path.of("../rules")));
        FactSet facts = facts(0, List.of(), new TicketLoad("acme", 0, 0, 0, 0, 0, 0, 0, 0), 10,
                List.of(contact(ContactRole.CHAMPION, true), contact(ContactRole.EXEC_SPONSOR, true)));
        FactSet idle = withUsage(facts, idleFor(30));

        HealthScore health = rules.health().score(idle, -1, NOW);

        // 0.55*0 + 0.15*100 + 0.1*100 + 0.1*100 + 0.1*100 = 45.
        assertThat(health.score()).isEqualTo(45);
        assertThat(health.band()).isEqualTo("POOR");
    }

    @Test
    void over_three_weeks_a_holiday_in_the_last_week_does_not_lower_usage_but_a_drop_that_stayed_does() {
        HealthModel model = model(FIVE_COMPONENTS.replace("    fallToZeroPct: 50\n", "    fallToZeroPct: 50\n    over: threeWeeks\n"));
        FactSet base = facts(0, List.of(), new TicketLoad("acme", 0, 0, 0, 0, 0, 0, 0, 0), null, List.of());
        // The last week at 30% of the usual 700, the two before it at the usual level: a holiday so far.
        UsageTrend holiday = new UsageTrend("acme", UsageTrend.ALL_FEATURES, 210, 700, -70, 5, 0, 700, 700, 700, 4.1, 700, 700);
        UsageTrend stayed = new UsageTrend("acme", UsageTrend.ALL_FEATURES, 490, 600, -18, 5, 0, 490, 490, 700, 5.1, 490, 700);

        int onHoliday = component(model.score(withUsage(base, holiday), -1, NOW), "usage");
        int down = component(model.score(withUsage(base, stayed), -1, NOW), "usage");

        assertThat(onHoliday).isEqualTo(100);
        // 30% below the usual week for three weeks, falling to 0 at 50%: 40.
        assertThat(down).isEqualTo(40);
    }

    @Test
    void over_three_weeks_a_holiday_before_the_account_has_a_usual_week_is_not_judged_on_the_days_before_it() {
        HealthModel threeWeeks = model(FIVE_COMPONENTS.replace("    fallToZeroPct: 50\n", "    fallToZeroPct: 50\n    over: threeWeeks\n"));
        HealthModel lastWeek = model(FIVE_COMPONENTS);
        FactSet base = facts(0, List.of(), new TicketLoad("acme", 0, 0, 0, 0, 0, 0, 0, 0), null, List.of());
        // Five weeks of data (an import, or a new usage source): 28 days to compare the last 7 with, no usual week yet;
        // the last week a holiday at 30%.
        UsageTrend fiveWeeks = new UsageTrend("acme", UsageTrend.ALL_FEATURES, 210, 700, -70, 5, 0, 700, 700, 0, 0, 700, 700);

        assertThat(component(threeWeeks.score(withUsage(base, fiveWeeks), -1, NOW), "usage")).isEqualTo(70);
        assertThat(component(lastWeek.score(withUsage(base, fiveWeeks), -1, NOW), "usage")).isZero();
    }

    @Test
    void an_unknown_usage_comparison_is_refused_at_its_line() {
        List<HealthFileProblem> problems = problems(FIVE_COMPONENTS.replace("    fallToZeroPct: 50\n", "    fallToZeroPct: 50\n    over: month\n"));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).message()).contains("over: 'month' is not one of lastWeek, threeWeeks");
    }

    @Test
    void the_built_in_model_is_the_one_shipped_in_the_rules_folder() throws IOException {
        String shipped = Files.readString(Path.of("../rules/health.yml"));
        String builtIn = new String(HealthModel.class.getResourceAsStream("built-in-health.yml").readAllBytes());

        assertThat(builtIn).isEqualTo(shipped);
    }

    @Test
    void weights_that_do_not_add_up_refuse_the_rule_set_at_the_components_line() {
        RuleFile file = new RuleFile("health.yml", FIVE_COMPONENTS.replace("weight: 40", "weight: 45"));

        assertThatThrownBy(() -> new RuleSetCompiler().compile(RuleSetFiles.of(List.of(file))))
                .isInstanceOf(InvalidRuleSetException.class)
                .extracting(e -> ((InvalidRuleSetException) e).problems(), list(RuleProblem.class))
                .singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo("health.yml");
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.message()).isEqualTo(
                            "components: the weights add up to 105; they must add up to 1 (fractions) or 100 (percentages)");
                });
    }

    @Test
    void each_mistake_is_told_at_its_own_line_naming_the_field() {
        String broken = """
                bands:
                  good: 50
                  average: 60
                components:
                  - name: usage
                    input: usageTrnd
                    weight: 50
                  - name: support
                    input: supportLoad
                    weight: 25
                    perOpenHighPriority: lots
                  - name: sentiment
                    input: sentiment
                    weight: 25
                    noAnswerScore: 170
                    colour: blue
                """;

        assertThat(problems(broken)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(3, "bands.average (60) must be below bands.good (50)"),
                tuple(6, "input: 'usageTrnd' is not an input; use one of usageTrend, "
                        + "keyFeatureAdoption, supportLoad, billing, sentiment, relationship"),
                tuple(11, "component 'support': perOpenHighPriority: 'lots' is not a number; write it in plain decimals, e.g. 70 or 0.5"),
                tuple(16, "component 'sentiment': 'colour' is not a field here; use "
                        + "csatMinAnswers, csatWeight, input, name, noAnswerScore, npsWeight, weight"),
                tuple(15, "component 'sentiment': noAnswerScore: 170 is out of range; "
                        + "it must be from 0 to 100"));
    }

    @Test
    void an_alias_or_a_tag_is_refused_where_it_is_written_as_in_every_other_file_of_a_rule_set() {
        // Read through, the alias would be the anchor's value and its mistake told at the anchor's line (2), and the
        // tag would be dropped without a word: the author would not learn what was read.
        String alias = FIVE_COMPONENTS.replace("good: 75", "good: &good 75").replace("average: 40", "average: *good");
        String tagged = FIVE_COMPONENTS.replace("input: supportLoad", "input: !custom supportLoad");
        String javaType = FIVE_COMPONENTS.replace("weight: 10\n  - name: sentiment", "weight: !!java.net.URL 10\n  - name: sentiment");
        String keptAsText = FIVE_COMPONENTS.replace("weight: 40", "weight: !!str 40");

        assertThat(problems(alias)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(3, "not readable as YAML: YAML aliases (*good) are not supported; write the lines out"));
        assertThat(problems(tagged)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(14, "not readable as YAML: YAML tags (!custom) are not supported; write the value alone"));
        assertThat(problems(javaType)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(15, "not readable as YAML: YAML tags (!!java.net.URL) are not supported; write the value alone"));
        assertThat(model(keptAsText).components().get(0).weight()).isEqualTo(0.4);
    }

    @Test
    void bands_that_leave_no_whole_score_for_average_are_refused_at_the_average_line() {
        // Scores are whole numbers: GOOD from 70.5 is from 71, AVERAGE from 70.2 from 71 too, so no score would be AVERAGE.
        String noAverage = FIVE_COMPONENTS.replace("good: 75", "good: 70.5").replace("average: 40", "average: 70.2");

        assertThat(problems(noAverage)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(3, "bands.average (70.2) and bands.good (70.5) leave no whole score for AVERAGE; scores are "
                        + "whole numbers, so give average at most 70"));
        assertThat(model(FIVE_COMPONENTS.replace("good: 75", "good: 70.5").replace("average: 40", "average: 69.5")).bands())
                .isEqualTo(new HealthBands(71, 70));
    }

    @Test
    void names_and_features_that_no_score_could_be_stored_with_are_refused_at_their_line() {
        // Each is written into every score's components (jsonb), which cannot hold a NUL: the file itself has none, the
        // YAML escape makes it. And a name of a whole file's length would be stored with every score of every account.
        String nul = FIVE_COMPONENTS.replace("name: support", "name: \"sup\\0port\"");
        String longName = FIVE_COMPONENTS.replace("name: sentiment", "name: " + "s".repeat(201));
        String feature = FIVE_COMPONENTS.replace("fallToZeroPct: 50", "fallToZeroPct: 50\n    feature: \"co\\u0007re\"")
                .replace("[reports, integrations, exports, api]", "[reports, \"" + "x".repeat(201) + "\"]");

        assertThat(problems(nul)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(13, "name 'sup\\u0000port' contains a control character (U+0000) at position 4"));
        assertThat(problems(longName)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(16, "name is 201 characters long; at most 200"));
        assertThat(problems(feature)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(9, "component 'usage': feature 'co\\u0007re' contains a control character (U+0007) at position 3"),
                tuple(13, "component 'adoption': features item 2 is 201 characters long; at most 200"));
    }

    @Test
    void too_few_components_and_adoption_without_features_are_refused() {
        String broken = """
                bands: { good: 70, average: 50 }
                components:
                  - name: usage
                    input: usageTrend
                    weight: 50
                  - name: adoption
                    input: keyFeatureAdoption
                    weight: 50
                """;

        assertThat(problems(broken)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(2, "components: 2 given; a health model has 3 to 5 components"),
                tuple(6, "component 'adoption': features is missing: the key features' names, "
                        + "e.g. [reports, integrations]"));
    }

    @Test
    void numbers_written_as_java_reads_them_and_not_as_plain_decimals_are_refused_at_their_line() {
        // Double.parseDouble takes a type suffix, a hex float and words: 55d would be 55, 0x1p3 would be 8.
        String suffixed = FIVE_COMPONENTS.replace("weight: 40", "weight: 40d").replace("good: 75", "good: 75f");
        String hex = FIVE_COMPONENTS.replace("fallToZeroPct: 50", "fallToZeroPct: 0x1p5").replace("champion: 70", "champion: 0x46");
        String words = FIVE_COMPONENTS.replace("execSponsor: 30", "execSponsor: Infinity").replace("average: 40", "average: NaN");

        assertThat(problems(suffixed)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(2, "bands.good: '75f' is not a number; write it in plain decimals, e.g. 70 or 0.5"),
                tuple(7, "component 'usage': weight: '40d' is not a number; write it in plain decimals, e.g. 70 or 0.5"));
        assertThat(problems(hex)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(8, "component 'usage': fallToZeroPct: '0x1p5' is not a number; write it in plain decimals, e.g. 70 or 0.5"),
                tuple(22, "component 'relationship': champion: '0x46' is not a number; write it in plain decimals, e.g. 70 or 0.5"));
        assertThat(problems(words)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(3, "bands.average: 'NaN' is not a number; write it in plain decimals, e.g. 70 or 0.5"),
                tuple(23, "component 'relationship': execSponsor: 'Infinity' is not a number; write it in plain decimals, e.g. 70 or 0.5"));
        // A leading zero is octal to YAML 1.1 (Jackson reads 075 as 61, BigDecimal as 75): neither is taken.
        assertThat(problems(FIVE_COMPONENTS.replace("good: 75", "good: 075"))).extracting(HealthFileProblem::line,
                HealthFileProblem::message).containsExactly(
                tuple(2, "bands.good: '075' is not a number; write it in plain decimals, e.g. 70 or 0.5"));
        // Plain decimals, with a sign or a point, still read.
        assertThat(model(FIVE_COMPONENTS.replace("good: 75", "good: +75.0").replace("average: 40", "average: 0.4e2")).bands())
                .isEqualTo(new HealthBands(75, 40));
    }

    @Test
    void a_key_feature_given_twice_is_refused_at_its_line_rather_than_counted_twice() {
        // Counted twice, reports alone would make 2 of 3 key features used: 67 instead of the 50 of [reports, api].
        String twice = FIVE_COMPONENTS.replace("[reports, integrations, exports, api]", "[reports, api, \" reports\"]");

        assertThat(problems(twice)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(12, "component 'adoption': features item 3: 'reports' is given twice"));
    }

    @Test
    void a_features_list_or_a_components_list_beyond_its_bound_is_refused_once_at_its_line() {
        // Every score of every account would repeat the adopted features in its reason: at most 50, each an id of at
        // most 200 characters, keeps it within a free text.
        String features = IntStream.rangeClosed(1, 51).mapToObj(i -> "f" + i).collect(Collectors.joining(", ", "[", "]"));
        String manyFeatures = FIVE_COMPONENTS.replace("[reports, integrations, exports, api]", features);
        String fiftyFeatures = FIVE_COMPONENTS.replace("[reports, integrations, exports, api]",
                IntStream.rangeClosed(1, 50).mapToObj(i -> "f" + i).collect(Collectors.joining(", ", "[", "]")));
        // A list of 100,000 components is told once, not read item by item with a problem or more each.
        String manyComponents = "bands: { good: 70, average: 50 }\ncomponents:\n" + "  - {}\n".repeat(100_000);

        assertThat(problems(manyFeatures)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(12, "component 'adoption': features: 51 given; at most 50 key features"));
        assertThat(model(fiftyFeatures).components().get(1).input())
                .isEqualTo(new HealthInput.KeyFeatureAdoptionInput(IntStream.rangeClosed(1, 50).mapToObj(i -> "f" + i).toList(), 30));
        assertThat(problems(manyComponents)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(2, "components: 100000 given; a health model has 3 to 5 components"));
    }

    private static final String SENTIMENT_ONLY_COUNTS = """
            bands: { good: 70, average: 50 }
            components:
              - name: sentiment
                input: sentiment
                weight: 98
                npsWeight: 60
                csatWeight: 40
                noAnswerScore: 55
              - name: support
                input: supportLoad
                weight: 1
              - name: billing
                input: billing
                weight: 1
            """;

    @Test
    void sentiment_with_nps_only_is_the_nps_answer_times_ten() {
        HealthComponent sentiment = sentiment(SENTIMENT_ONLY_COUNTS, 7, null);

        assertThat(sentiment.score()).isEqualTo(70);
        assertThat(sentiment.reason()).isEqualTo("latest NPS 7");
    }

    @Test
    void sentiment_with_csat_only_is_the_satisfied_share() {
        // 2 of 3 answers satisfied: 66.67, rounded 67; the NPS weight does not pull it towards a default.
        HealthComponent sentiment = sentiment(SENTIMENT_ONLY_COUNTS, null, new CsatAnswers("acme", 3, 2));

        assertThat(sentiment.score()).isEqualTo(67);
        assertThat(sentiment.reason()).isEqualTo("CSAT 2 of 3 satisfied in 90 days");
    }

    @Test
    void sentiment_with_both_weighs_nps_and_csat() {
        // NPS 9: 90; CSAT 1 of 4 satisfied: 25; weighted 60:40: (60*90 + 40*25) / 100 = 54 + 10 = 64.
        HealthComponent sentiment = sentiment(SENTIMENT_ONLY_COUNTS, 9, new CsatAnswers("acme", 4, 1));

        assertThat(sentiment.score()).isEqualTo(64);
        assertThat(sentiment.reason()).isEqualTo("latest NPS 9, CSAT 1 of 4 satisfied in 90 days (weighted 60:40)");
    }

    @Test
    void sentiment_with_neither_answer_is_the_no_answer_score() {
        HealthComponent sentiment = sentiment(SENTIMENT_ONLY_COUNTS, null, null);

        assertThat(sentiment.score()).isEqualTo(55);
        assertThat(sentiment.reason()).isEqualTo("no NPS answer yet, no CSAT answer in 90 days");
    }

    @Test
    void by_default_nps_and_csat_weigh_the_same() {
        String defaults = SENTIMENT_ONLY_COUNTS.replace("    npsWeight: 60\n", "").replace("    csatWeight: 40\n", "");

        // NPS 6: 60; CSAT 3 of 4: 75; (60 + 75) / 2 = 67.5, rounded 68.
        assertThat(sentiment(defaults, 6, new CsatAnswers("acme", 4, 3)).score()).isEqualTo(68);
    }

    @Test
    void too_few_csat_answers_and_a_zero_weight_leave_csat_out() {
        String fewAnswers = SENTIMENT_ONLY_COUNTS.replace("noAnswerScore: 55", "noAnswerScore: 55\n    csatMinAnswers: 3");
        String npsOnly = SENTIMENT_ONLY_COUNTS.replace("csatWeight: 40", "csatWeight: 0");

        HealthComponent twoAnswers = sentiment(fewAnswers, null, new CsatAnswers("acme", 2, 0));
        assertThat(twoAnswers.score()).isEqualTo(55);
        assertThat(twoAnswers.reason()).isEqualTo("no NPS answer yet, only 2 CSAT answer(s) in 90 days, fewer than 3");
        assertThat(sentiment(fewAnswers, 8, new CsatAnswers("acme", 2, 0)).score()).isEqualTo(80);
        HealthComponent ignored = sentiment(npsOnly, null, new CsatAnswers("acme", 5, 5));
        assertThat(ignored.score()).isEqualTo(55);
        assertThat(ignored.reason()).isEqualTo("no NPS answer yet");
    }

    @Test
    void sentiment_weights_that_are_both_zero_or_not_whole_are_refused_at_their_line() {
        String bothZero = SENTIMENT_ONLY_COUNTS.replace("npsWeight: 60", "npsWeight: 0").replace("csatWeight: 40", "csatWeight: 0");
        String notWhole = SENTIMENT_ONLY_COUNTS.replace("csatWeight: 40", "csatWeight: 40.5")
                .replace("noAnswerScore: 55", "noAnswerScore: 55\n    csatMinAnswers: 0");

        assertThat(problems(bothZero)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(3, "component 'sentiment': npsWeight and csatWeight are both 0; give at least one of them a weight above 0"));
        assertThat(problems(notWhole)).extracting(HealthFileProblem::line, HealthFileProblem::message).containsExactly(
                tuple(7, "component 'sentiment': csatWeight must be a whole number"),
                tuple(9, "component 'sentiment': csatMinAnswers: 0 is out of range; it must be from 1 to 1000"));
    }

    private static HealthComponent sentiment(String model, Integer nps, CsatAnswers csat) {
        FactSet base = facts(0, List.of(), new TicketLoad("acme", 0, 0, 0, 0, 0, 0, 0, 0), nps, List.of());
        FactSet facts = new FactSet(base.today(), base.account(), base.contacts(), base.usage(), base.tickets(),
                base.billing(), nps, csat, List.of(), List.of(), null, null);
        return model(model).score(facts, -1, NOW).components().get(0);
    }

    private static List<HealthFileProblem> problems(String content) {
        List<HealthFileProblem> problems = new ArrayList<>();
        assertThat(HealthModelFile.parse("health.yml", content, "v1", problems)).isNull();
        return problems;
    }

    private static HealthModel model(String content) {
        List<HealthFileProblem> problems = new ArrayList<>();
        HealthModel model = HealthModelFile.parse("health.yml", content, "v1", problems);
        assertThat(problems).isEmpty();
        return model;
    }

    /** The facts' usage as the engine rolls it up: each feature's trend, and the trend over all of them. */
    private static FactSet withUsage(FactSet facts, UsageTrend all) {
        UsageTrend core = new UsageTrend(all.accountId(), "core", all.last7Days(), all.baselineWeekly(), all.changePct(),
                all.activeUsers(), all.daysSinceLastUse(), all.previous7Days(), all.earlier7Days(), all.usualWeekly(),
                all.dropSignificance(), all.bestWeekOf28Days(), all.days22To28());
        return withUsage(facts, List.of(core, all));
    }

    private static FactSet withUsage(FactSet facts, List<UsageTrend> usage) {
        return new FactSet(facts.today(), facts.account(), facts.contacts(), usage, facts.tickets(), facts.billing(),
                facts.lastNps(), facts.csat(), facts.milestones(), facts.plays(), facts.renewal(), facts.qbr());
    }

    /** An account that used the core feature, the only one it uses, until {@code days} days ago. */
    private static List<UsageTrend> idleFor(int days) {
        return List.of(new UsageTrend("acme", "core", 0, 0, 0, 0, days), new UsageTrend("acme", UsageTrend.ALL_FEATURES, 0, 0, 0, 0, days));
    }

    private static int component(HealthScore health, String name) {
        return health.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().score();
    }

    private static UsageTrend feature(String name, int daysSinceLastUse) {
        return new UsageTrend("acme", name, 1, 1, 0, 1, daysSinceLastUse);
    }

    private static Contact contact(ContactRole role, boolean active) {
        return new Contact("acme", role.name().toLowerCase() + "@acme.test", null, role, null, active, false);
    }

    private static FactSet facts(double usageChangePct, List<UsageTrend> features, TicketLoad tickets, Integer nps,
                                 List<Contact> contacts) {
        Account account = new Account("acme", "Acme", Segment.HIGH_TOUCH, Stage.VALUE, "csm@tenure.test",
                BigDecimal.valueOf(12_000), "pro", TODAY.minusDays(400), TODAY.plusDays(200), "UTC");
        List<UsageTrend> usage = new ArrayList<>(features);
        if (features.isEmpty()) {
            // One feature, so the trend over all features is that feature's.
            usage.add(new UsageTrend("acme", "core", Math.round(100 * (1 + usageChangePct / 100)), 100, usageChangePct, 5, 0));
        }
        usage.add(new UsageTrend("acme", UsageTrend.ALL_FEATURES, Math.round(100 * (1 + usageChangePct / 100)), 100,
                usageChangePct, 5, 0));
        return new FactSet(new Today(TODAY, NOW), account, contacts, usage, tickets,
                new BillingStatus("acme", 0, 0, false, BigDecimal.valueOf(1_000), BigDecimal.ZERO), nps, null, List.of(),
                List.of(), null, null);
    }
}
