package dev.tenure.api.demo;

import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.RunStatus;
import dev.tenure.engine.rules.ActiveRuleSet;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Records the demo's past save plays ({@link PastSavePlay}) as the engine would have: a finished run, or a
 * held-out one, with the play's goal and horizon, the rule that started it, and a timeline entry. The runs
 * are written as history, without steps: their tasks and emails would have been done weeks ago.
 */
@Component
class DemoPlayHistory {

    private static final String RULE = "Core usage dropped: save play (demo history)";
    /** The save plays' last step comes a week after the start. */
    private static final Duration RUN_LENGTH = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final ActiveRuleSet rules;
    private final Timeline timeline;
    private final JsonColumns json;

    DemoPlayHistory(JdbcClient jdbc, ActiveRuleSet rules, Timeline timeline, JsonColumns json) {
        this.json = json;
        this.jdbc = jdbc;
        this.rules = rules;
        this.timeline = timeline;
    }

    /** The runs recorded; a play the rule set in force does not measure gets none. */
    @Transactional
    int record(Map<String, PastSavePlay> pastPlays) {
        RuleSet ruleSet = rules.get();
        int recorded = 0;
        for (Map.Entry<String, PastSavePlay> entry : pastPlays.entrySet()) {
            PastSavePlay past = entry.getValue();
            PlayDefinition play = ruleSet.play(past.playId()).filter(p -> p.measurement().measured()).orElse(null);
            if (play == null) {
                continue;
            }
            Instant started = DemoAccount.at(past.startedOn(), 6, 0);
            Instant ended = past.heldOut() ? started : started.plus(RUN_LENGTH);
            long runId = jdbc.sql("""
                            INSERT INTO play_run (account_id, play_id, play_name, status, started_at, ended_at, rule_name,
                                                  rule_set_version, matched_facts, stop_when, goal_within, goal_horizon_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}'::jsonb, ?::jsonb, CAST(? AS interval), ?)
                            RETURNING id""")
                    .params(entry.getKey(), play.id(), play.name(), (past.heldOut() ? RunStatus.HOLDOUT : RunStatus.COMPLETED).name(),
                            Timestamp.from(started), Timestamp.from(ended), RULE, ruleSet.version(),
                            json.write(play.stopWhen()), play.measurement().within().words(),
                            Timestamp.from(play.measurement().within().after(started, ZoneOffset.UTC)))
                    .query(Long.class).single();
            timeline.record(new TimelineEntry(entry.getKey(), started, past.heldOut() ? "play.held-out" : "play.started",
                    past.heldOut() ? "Held out of \"" + play.name() + "\" to measure it (rule \"" + RULE + "\")"
                            : "Play \"" + play.name() + "\" started by rule \"" + RULE + "\"", "play:" + runId));
            recorded++;
        }
        return recorded;
    }
}
