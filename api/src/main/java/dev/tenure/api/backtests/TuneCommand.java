package dev.tenure.api.backtests;

import dev.tenure.api.TenureApplication;
import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.bounds.FileTexts;
import dev.tenure.engine.backtest.BacktestProgress;
import dev.tenure.engine.backtest.BacktestProperties;
import dev.tenure.engine.backtest.BacktestReport;
import dev.tenure.engine.backtest.CandidateRuleSets;
import dev.tenure.engine.backtest.ChurnScore;
import dev.tenure.engine.backtest.InvalidTuningException;
import dev.tenure.engine.backtest.ReplayPeriod;
import dev.tenure.engine.backtest.TuningPlan;
import dev.tenure.engine.backtest.TuningReport;
import dev.tenure.engine.backtest.Tunings;
import dev.tenure.engine.rules.InvalidRuleSetException;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetFiles;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar tenure.jar --tune --from=2026-01-01 --to=2026-07-01 [--window=90] [--version=<stored version>
 * | --rules=<rules folder>] [--tuning=<tuning file>]}: tunes the rule set in force (or a stored version, or the
 * rules in a folder) on the stored history, as
 * {@code POST /api/backtests/tune} does, printing progress and then the settings side by side with their diffs.
 * It starts the application without its web server, schedules or routes, so nothing is sent or consumed,
 * and exits 0 when done, 2 when the command is wrong.
 */
public final class TuneCommand {

    static final int DONE = 0;
    static final int UNUSABLE = 2;
    private static final String USAGE = "usage: --tune --from=<date or instant> --to=<date or instant> [--window=<days, 1..365>] "
            + "[--version=<stored rule set version> | --rules=<rules folder>] "
            + "[--tuning=<tuning file; default <rules folder>/" + TuningPlan.FILE + ">]";

    private final Tunings tunings;
    private final CandidateRuleSets candidates;
    private final ZoneId zone;
    private final int maxDays;
    private final Clock clock;
    private final PrintStream out;

    TuneCommand(Tunings tunings, CandidateRuleSets candidates, ZoneId zone, int maxDays, Clock clock, PrintStream out) {
        this.tunings = tunings;
        this.candidates = candidates;
        this.zone = zone;
        this.maxDays = maxDays;
        this.clock = clock;
        this.out = out;
    }

    /** Whether the command line asks for a tuning. */
    public static boolean asked(String... args) {
        return new DefaultApplicationArguments(args).containsOption("tune");
    }

    /** Starts the application for the command, runs it, and returns the exit code. */
    public static int runApplication(String... args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TenureApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("spring.quartz.auto-startup", "false", "camel.main.auto-startup", "false",
                        "spring.main.banner-mode", "off"))
                .run(args)) {
            return in(context, System.out).run(args);
        }
    }

    /** The command with the beans of a started application, printing to {@code out}. */
    public static TuneCommand in(ApplicationContext context, PrintStream out) {
        return new TuneCommand(context.getBean(Tunings.class), context.getBean(CandidateRuleSets.class),
                context.getBean(EngineProperties.class).defaultTimezone(), context.getBean(BacktestProperties.class).maxDays(),
                context.getBean(Clock.class), out);
    }

    /** Runs the command line; 0 when done, 2 when it is wrong or names something unusable. */
    public int run(String... args) {
        DefaultApplicationArguments options = new DefaultApplicationArguments(args);
        List<String> errors = new ArrayList<>();
        List<ReplayPeriod.Problem> problems = new ArrayList<>();
        ReplayPeriod period = ReplayPeriod.read(option(options, "from"), option(options, "to"), zone, clock.instant(), maxDays,
                problems);
        problems.forEach(p -> errors.add("--" + p.field() + (p.message().startsWith("is ") ? " " : ": ") + p.message()));
        int window = BacktestReport.DEFAULT_WINDOW_DAYS;
        String windowText = option(options, "window");
        if (windowText != null) {
            try {
                window = BacktestReport.checkWindow(Integer.parseInt(windowText));
            } catch (IllegalArgumentException e) {
                errors.add("--window: '" + windowText + "' is not a number of days between 1 and " + BacktestReport.MAX_WINDOW_DAYS);
            }
        }
        if (!errors.isEmpty()) {
            errors.forEach(out::println);
            out.println(USAGE);
            return UNUSABLE;
        }
        RuleSet base;
        TuningPlan plan;
        try {
            String version = option(options, "version");
            String folder = option(options, "rules");
            base = version != null ? candidates.version(version)
                    : folder != null ? candidates.compile(RuleSetFiles.read(Path.of(folder))) : candidates.active();
            String tuningFile = option(options, "tuning");
            Path inFolder = folder == null ? null : Path.of(folder).resolve(TuningPlan.FILE);
            plan = tunings.plan(base, tuningFile != null ? readOption("tuning", Path.of(tuningFile))
                    : inFolder != null && Files.isRegularFile(inFolder) ? readOption("rules", inFolder)
                    : tunings.tuningFile());
        } catch (InvalidRuleSetException e) {
            out.println("The rule set cannot be used:");
            e.problems().forEach(p -> out.println("  " + p));
            return UNUSABLE;
        } catch (InvalidTuningException e) {
            out.println("The tuning file cannot be used:");
            e.problems().forEach(p -> out.println("  " + p));
            return UNUSABLE;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            out.println(e.getMessage());
            return UNUSABLE;
        }
        int[] shown = {-10};
        TuningReport report;
        try {
            report = tunings.run(base, plan, period.from(), period.to(), window, (replayed, total) -> {
                int percent = (int) BacktestProgress.percent(replayed, total);
                if (percent / 10 != shown[0] / 10) {
                    shown[0] = percent;
                    out.printf(Locale.ROOT, "tuning: %d%% of the most the candidate budget allows%n", percent);
                }
            });
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return UNUSABLE;
        }
        out.print(text(report));
        return DONE;
    }

    /**
     * The text of a file an option names, or an IllegalArgumentException naming the option, the file and why: an
     * IOException's own message is often the bare path ({@code NoSuchFileException}), which says neither.
     */
    private static String readOption(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--" + option + ": cannot read '" + file + "': a folder, not a file");
        }
        try {
            // Within the bound of a rule set's file: a file named here may be anything, /dev/zero too.
            return FileTexts.read(file);
        } catch (FileTexts.TooLong e) {
            throw new IllegalArgumentException("--" + option + ": cannot read '" + file + "': " + e.messageWithPlace());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("--" + option + ": cannot read '" + file + "': no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("--" + option + ": cannot read '" + file + "': not allowed to");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("--" + option + ": cannot read '" + file + "': not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("--" + option + ": cannot read '" + file + "': " + e.getMessage());
        }
    }

    /** The report as a person reads it: scores side by side, then each setting's values and diff. */
    static String text(TuningReport r) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Tuning of rule set %s from %s to %s, window %d days: %d candidates scored (%s) in %d s%n",
                r.ruleSetVersion(), r.from(), r.to(), r.windowDays(), r.candidatesEvaluated(), r.stopped(), r.took().toSeconds()));
        TuningPlan.Goal g = r.goal();
        text.append(String.format(Locale.ROOT, "goal: recall >= %.2f, median lead >= %s days%s%n", g.minRecall(),
                number(g.minMedianLeadDays()), (g.minPrecision() == null ? "" : ", precision >= " + number(g.minPrecision()))
                        + (g.minHealthRatio() == null ? "" : ", POOR/GOOD >= " + number(g.minHealthRatio()))));
        text.append(String.format(Locale.ROOT, "%-10s %9s %7s %6s %14s %9s %5s%n", "setting", "precision", "recall", "lead",
                "alerts/healthy", "POOR/GOOD", "goal"));
        List<TuningReport.Setting> all = new ArrayList<>();
        all.add(r.current());
        all.addAll(r.best());
        for (int i = 0; i < all.size(); i++) {
            TuningReport.Setting s = all.get(i);
            ChurnScore c = s.churnRules();
            text.append(String.format(Locale.ROOT, "%-10s %9s %7s %6s %14s %9s %5s%n", i == 0 ? "current" : "#" + i,
                    fixed(c.precision(), 3), fixed(c.recall(), 3), fixed(c.medianLeadDays(), 1),
                    fixed(c.alertsPerHealthyAccountMonth(), 3), fixed(s.poorToGoodRatio(), 2), s.meetsGoal() ? "yes" : "no"));
        }
        text.append("values:\n");
        for (TuningReport.KnobRange knob : r.knobs()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-60s", knob.label()));
            for (TuningReport.Setting s : all) {
                row.append(String.format(Locale.ROOT, " %8s", number(s.values().get(knob.label()))));
            }
            text.append(row).append('\n');
        }
        r.refused().forEach(refused -> text.append("refused: ").append(refused).append('\n'));
        for (int i = 0; i < r.best().size(); i++) {
            TuningReport.Setting s = r.best().get(i);
            text.append(String.format("%n#%d as a diff of rule set %s (git apply in a rules folder holding that version, or upload"
                    + " the whole rule set):%n", i + 1, r.ruleSetVersion())).append(s.diff());
            if (!s.uploadProblems().isEmpty()) {
                text.append(String.format("#%d would be refused as it is; change these with it:%n", i + 1));
                s.uploadProblems().forEach(p -> text.append("  ").append(p).append('\n'));
            }
        }
        return text.toString();
    }

    private static String fixed(Double d, int decimals) {
        return d == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", d);
    }

    private static String number(Double d) {
        return d == null ? "-" : d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
    }

    private static String option(DefaultApplicationArguments options, String name) {
        List<String> values = options.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
