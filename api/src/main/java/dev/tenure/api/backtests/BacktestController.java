package dev.tenure.api.backtests;

import dev.tenure.api.errors.NotFoundException;
import dev.tenure.api.paging.ApiPage;
import dev.tenure.api.paging.PageQuery;
import dev.tenure.engine.backtest.BacktestReport;
import dev.tenure.engine.backtest.InvalidTuningException;
import dev.tenure.engine.backtest.ReplayPeriod;
import dev.tenure.engine.backtest.TuningPlan;
import dev.tenure.engine.backtest.Tunings;
import dev.tenure.engine.rules.InvalidRuleSetException;
import dev.tenure.engine.rules.RuleSet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Backtests: {@code POST /api/backtests} with {@code {from, to, version?}} (or {@code files}) starts one
 * and answers 202 with its id; {@code GET /api/backtests/{id}} shows its progress, then its report;
 * {@code GET /api/backtests/{id}/alerts.csv} lists every alert of a finished one. {@code POST /api/backtests/tune}
 * starts a tuning, {@code GET /api/backtests/tune/{id}} shows its progress, then its report.
 */
@Tag(name = "Backtests", description = "Replays of stored signals through a rule set, with the churn each would have caught; and tunings of its thresholds (CS ops, admins).")
@RestController
@RequestMapping("/api/backtests")
class BacktestController {

    private final BacktestRuns runs;
    private final TuningRuns tuningRuns;
    private final Tunings tunings;
    private final BacktestRequests requests;

    BacktestController(BacktestRuns runs, TuningRuns tuningRuns, Tunings tunings, BacktestRequests requests) {
        this.runs = runs;
        this.tuningRuns = tuningRuns;
        this.tunings = tunings;
        this.requests = requests;
    }

    @Operation(summary = "Start a backtest")
    @PostMapping
    ResponseEntity<BacktestRun> start(@RequestBody BacktestRequest body) {
        Checked checked = check(body);
        BacktestRun run = runs.start(checked.period().from(), checked.period().to(), checked.window(), checked.ruleSet());
        return ResponseEntity.accepted().location(URI.create("/api/backtests/" + run.id())).body(run);
    }

    /**
     * Starts a tuning of the rule set (in force, a {@code version}, or {@code files}) over the period, with the
     * tuning file of the rules folder or the {@code tuning} text given; a tuning file that does not fit the
     * rule set is refused at once with each problem at its line.
     */
    @Operation(summary = "Start a tuning")
    @PostMapping("/tune")
    ResponseEntity<TuningRun> tune(@RequestBody BacktestRequest body) {
        Checked checked = check(body);
        RuleSet ruleSet = checked.ruleSet();
        TuningPlan plan;
        try {
            plan = tunings.plan(ruleSet, body.tuning() != null ? body.tuning() : tunings.tuningFile());
        } catch (InvalidTuningException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
            problem.setTitle("The tuning file cannot be used");
            problem.setProperty("errors", e.problems().stream()
                    .map(p -> Map.of("record", "body", "field", "tuning", "message", p)).toList());
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, e);
        }
        TuningRun run = tuningRuns.start(ruleSet, plan, checked.period().from(), checked.period().to(), checked.window());
        return ResponseEntity.accepted().location(URI.create("/api/backtests/tune/" + run.id())).body(run);
    }

    @Operation(summary = "A tuning's progress, then its report")
    @GetMapping("/tune/{id}")
    TuningRun tuning(@PathVariable String id) {
        return tuningRuns.find(id).orElseThrow(() -> new NotFoundException("tuning " + id));
    }

    /** A backtest or tuning request read: what to run. */
    private record Checked(ReplayPeriod period, int window, RuleSet ruleSet) {
    }

    /** The request read, or a 400 problem naming each field wrong, or the problems of a rule set that does not compile. */
    private Checked check(BacktestRequest body) {
        BacktestRequests.Checked checked = requests.check(body);
        if (!checked.errors().isEmpty()) {
            throw invalid(checked.errors());
        }
        if (checked.uncompiled() != null) {
            throw uncompiled(checked.uncompiled());
        }
        return new Checked(checked.period(), checked.window(), checked.ruleSet());
    }

    private static ErrorResponseException uncompiled(InvalidRuleSetException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The rule set to backtest does not compile");
        problem.setProperty("problems", e.problems());
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, e);
    }

    @Operation(summary = "A backtest's progress, then its report")
    @GetMapping("/{id}")
    BacktestRun get(@PathVariable String id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("backtest " + id));
    }

    /** The latest backtests, without their reports. */
    @Operation(summary = "List the latest backtests")
    @GetMapping
    ApiPage<BacktestRun> list(@ParameterObject PageQuery paging) {
        return ApiPage.slice(runs.list(), paging).map(r -> new BacktestRun(r.id(), r.status(), r.from(), r.to(), r.windowDays(), r.ruleSet(),
                r.requestedAt(), r.finishedAt(), r.progress(), null, r.error()));
    }

    /** Every alert of a finished backtest, one row each; 404 while it runs or once it is forgotten. */
    @Operation(summary = "Every alert of a finished backtest, as CSV")
    @GetMapping("/{id}/alerts.csv")
    ResponseEntity<String> alerts(@PathVariable String id) {
        BacktestReport report = runs.report(id).orElseThrow(() -> new NotFoundException("finished backtest " + id));
        return BacktestCsv.alerts(report).download("backtest-" + id + "-alerts.csv");
    }

    private static ErrorResponseException invalid(List<BacktestRequest.FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        problem.setTitle("The backtest request is not valid");
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("record", "body", "field", e.field(), "message", e.message())).toList());
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
