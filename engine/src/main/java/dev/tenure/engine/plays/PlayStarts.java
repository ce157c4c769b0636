package dev.tenure.engine.plays;

import dev.tenure.engine.calendar.Span;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the plays a group of accounts starts in a few statements: the guard asked once for all of them,
 * the runs, the steps and the timeline entries each in one statement. One round trip per run, step and
 * entry made the starts most of a large file's evaluation time.
 */
final class PlayStarts {

    private final JdbcClient jdbc;
    private final JsonColumns json;
    private final Timeline timeline;
    private final StartGuard guard;
    private final HoldoutDraw holdouts;
    private final StepPlacement placement;

    PlayStarts(JdbcClient jdbc, JsonColumns json, Timeline timeline, StartGuard guard, HoldoutDraw holdouts,
               StepPlacement placement) {
        this.jdbc = jdbc;
        this.json = json;
        this.timeline = timeline;
        this.guard = guard;
        this.holdouts = holdouts;
        this.placement = placement;
    }

    /** What each start did, in order: the run started, or empty when refused or held out. */
    List<Optional<StartedRun>> startAll(List<PlayStart> starts, Instant now) {
        List<NewRun> runs = admitted(starts, now);
        List<Optional<StartedRun>> results = new ArrayList<>(Collections.nCopies(starts.size(), Optional.empty()));
        if (runs.isEmpty()) {
            return results;
        }
        List<Long> ids = jdbc.sql("SELECT nextval(pg_get_serial_sequence('play_run', 'id')) FROM generate_series(1, ?)")
                .param(runs.size()).query(Long.class).list().stream().sorted().toList();
        insertRuns(runs, ids, now);
        List<List<Instant>> due = insertSteps(runs, ids, now);
        List<TimelineEntry> entries = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            NewRun run = runs.get(i);
            String accountId = run.start().account().id();
            if (run.heldOut()) {
                entries.add(new TimelineEntry(accountId, now, "play.held-out", "Held out of \"" + run.play().name()
                        + "\" to measure it (rule \"" + run.start().why().rule() + "\"; " + run.play().measurement().holdoutPercent()
                        + "% of eligible accounts are held out)", "play:" + ids.get(i)));
            } else {
                entries.add(new TimelineEntry(accountId, now, "play.started", "Play \"" + run.play().name()
                        + "\" started by rule \"" + run.start().why().rule() + "\"", "play:" + ids.get(i)));
                results.set(run.index(), Optional.of(new StartedRun(ids.get(i), run.play().id(), due.get(i))));
            }
        }
        timeline.recordAll(entries);
        return results;
    }

    /**
     * The starts the guard lets through, each drawn for the holdout. A start is weighed against the stored
     * runs and against those admitted before it in the same group, as if each had been stored before the next
     * was asked: a run started now holds the next back while running, and within a cooldown.
     */
    private List<NewRun> admitted(List<PlayStart> starts, Instant now) {
        List<Optional<String>> refusals = guard.refusals(starts.stream().map(s -> new StartGuard.Candidate(
                s.account().id(), s.play().id(), s.play().cooldown(), placement.zoneOf(s.account()),
                s.play().audience())).toList(), now);
        Map<String, List<Boolean>> startedHere = new HashMap<>();
        List<NewRun> runs = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            PlayStart start = starts.get(i);
            String key = start.account().id() + '\n' + start.play().id();
            List<Boolean> earlier = startedHere.getOrDefault(key, List.of());
            if (refusals.get(i).isPresent() || heldBack(earlier, start.play().cooldown())) {
                continue;
            }
            boolean heldOut = holdouts.holdsOut(start.play(), start.account().id(), now);
            startedHere.computeIfAbsent(key, k -> new ArrayList<>()).add(heldOut);
            runs.add(new NewRun(i, start, heldOut));
        }
        return runs;
    }

    /** {@code heldOut} of each run of the play already started for the account in this group. */
    private static boolean heldBack(List<Boolean> heldOut, Span cooldown) {
        return heldOut.contains(false) || !heldOut.isEmpty() && !cooldown.isZero();
    }

    /** A held-out run ends as it starts: nothing of it is ever due. */
    private void insertRuns(List<NewRun> runs, List<Long> ids, Instant now) {
        jdbc.sql("""
                        INSERT INTO play_run (id, account_id, play_id, play_name, status, started_at, ended_at, rule_name,
                                              rule_set_version, matched_facts, stop_when, goal_within, goal_horizon_at,
                                              audience)
                        SELECT r.id, r.account_id, r.play_id, r.play_name, r.status, CAST(? AS timestamptz),
                               CASE WHEN r.status = 'HOLDOUT' THEN CAST(? AS timestamptz) END, r.rule_name, r.version,
                               r.facts, r.stop_when, CAST(r.within AS interval), r.horizon, r.audience
                        FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::jsonb[],
                                    ?::jsonb[], ?::text[], ?::timestamptz[], ?::text[]) WITH ORDINALITY
                             AS r(id, account_id, play_id, play_name, status, rule_name, version, facts, stop_when, within,
                                  horizon, audience, n)
                        ORDER BY r.n""")
                .params(Timestamp.from(now), Timestamp.from(now), ids.toArray(Long[]::new),
                        runs.stream().map(r -> r.start().account().id()).toArray(String[]::new),
                        runs.stream().map(r -> r.play().id()).toArray(String[]::new),
                        runs.stream().map(r -> r.play().name()).toArray(String[]::new),
                        runs.stream().map(r -> (r.heldOut() ? RunStatus.HOLDOUT : RunStatus.RUNNING).name()).toArray(String[]::new),
                        runs.stream().map(r -> r.start().why().rule()).toArray(String[]::new),
                        runs.stream().map(r -> r.start().why().ruleSetVersion()).toArray(String[]::new),
                        runs.stream().map(r -> json.write(r.start().why().matchedFacts())).toArray(String[]::new),
                        runs.stream().map(r -> json.write(r.play().stopWhen())).toArray(String[]::new),
                        runs.stream().map(r -> r.play().measurement().within()).map(w -> w == null ? null : w.words())
                                .toArray(String[]::new),
                        // The horizon counts days on the account's calendar: 30 days after 10:00 is 10:00.
                        runs.stream().map(r -> {
                            Span within = r.play().measurement().within();
                            return within == null ? null : Timestamp.from(within.after(now, placement.zoneOf(r.start().account())));
                        }).toArray(Timestamp[]::new),
                        runs.stream().map(r -> r.play().audience().name()).toArray(String[]::new))
                .update();
    }

    /** Writes the steps of the runs not held out; returns each run's due times (none for a held-out one). */
    private List<List<Instant>> insertSteps(List<NewRun> runs, List<Long> ids, Instant now) {
        List<Long> runIds = new ArrayList<>();
        List<String> accountIds = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        List<Timestamp> dueAt = new ArrayList<>();
        // Every run of a play writes the same step definitions: each is serialized once.
        Map<StepDefinition, String> written = new IdentityHashMap<>();
        List<List<Instant>> due = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            NewRun run = runs.get(i);
            List<Instant> times = new ArrayList<>();
            due.add(times);
            if (run.heldOut()) {
                continue;
            }
            StepTimes stepTimes = placement.forAccount(run.start().account(), run.start().contacts());
            List<StepDefinition> steps = run.play().steps();
            for (int position = 0; position < steps.size(); position++) {
                StepDefinition step = steps.get(position);
                Instant at = stepTimes.due(step, now);
                runIds.add(ids.get(i));
                accountIds.add(run.start().account().id());
                positions.add(position);
                types.add(step.type().name());
                definitions.add(written.computeIfAbsent(step, json::write));
                dueAt.add(Timestamp.from(at));
                times.add(at);
            }
        }
        if (!runIds.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO play_step (run_id, account_id, position, type, definition, due_at, status)
                            SELECT s.run_id, s.account_id, s.position, s.type, s.definition, s.due_at, 'SCHEDULED'
                            FROM unnest(?::bigint[], ?::text[], ?::int[], ?::text[], ?::jsonb[], ?::timestamptz[]) WITH ORDINALITY
                                 AS s(run_id, account_id, position, type, definition, due_at, n)
                            ORDER BY s.n""")
                    .params(runIds.toArray(Long[]::new), accountIds.toArray(String[]::new), positions.toArray(Integer[]::new),
                            types.toArray(String[]::new), definitions.toArray(String[]::new), dueAt.toArray(Timestamp[]::new))
                    .update();
        }
        return due;
    }

    private record NewRun(int index, PlayStart start, boolean heldOut) {
        PlayDefinition play() {
            return start.play();
        }
    }
}
