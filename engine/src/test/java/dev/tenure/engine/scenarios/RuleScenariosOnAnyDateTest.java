package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;
import dev.tenure.engine.testing.TestClock;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario without {@code now:} runs at the current time, so its verdict must not depend on the day:
 * the rules' scenarios, run as if on days where the calendar has edges (DST changes in America, Europe and
 * Australia, a year end, a leap day, just before and after midnight UTC), give the same verdict, the same
 * plays and the same health band as on the test clock's day.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleScenariosOnAnyDateTest {

    private final RuleSet rules = new RuleSetCompiler().compile(RuleSetFiles.read(Path.of("../rules")));
    private final Map<String, String> onTheTestClocksDay = verdicts(TestClock.START);

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource({
            "2027-03-14T06:59:00Z, the night the clocks go forward in New York",
            "2027-03-14T07:01:00Z, just after the clocks went forward in New York",
            "2027-03-28T00:59:59Z, a second before the clocks go forward in Berlin",
            "2027-03-28T01:00:00Z, the moment the clocks go forward in Berlin",
            "2027-10-31T00:30:00Z, the night the clocks go back in Berlin",
            "2027-11-07T05:30:00Z, the night the clocks go back in New York",
            "2027-04-03T16:30:00Z, the night the clocks go back in Sydney",
            "2027-10-02T16:30:00Z, the night the clocks go forward in Sydney",
            "2026-12-31T23:59:59Z, the last second of a year",
            "2027-01-01T00:00:00Z, the first second of a year",
            "2028-02-29T12:00:00Z, a leap day",
            "2028-03-01T00:00:01Z, the day after a leap day",
            "2027-01-31T23:30:00Z, a month end",
            "2027-06-15T00:00:00Z, midnight UTC on an ordinary day",
            "2030-07-01T12:00:00Z, a day years after the dates some scenarios give",
    })
    void the_scenarios_give_the_same_verdict_on(Instant day, String what) {
        assertThat(verdicts(day)).isEqualTo(onTheTestClocksDay);
    }

    /** Per scenario: passed or not, the plays it would start and its health band. */
    private Map<String, String> verdicts(Instant at) {
        ScenarioReport report = new ScenarioSuite(Clock.fixed(at, ZoneOffset.UTC)).run(rules);
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (ScenarioResult r : report.results()) {
            ScenarioOutcome outcome = r.outcome();
            verdicts.put(r.where() + " " + r.scenario().name(), (r.passed() ? "passes" : "fails " + r.failures())
                    + (outcome == null ? "" : ", starts " + outcome.playsStarted() + ", health " + outcome.health().band()));
        }
        assertThat(report.problems()).isEmpty();
        return verdicts;
    }
}
