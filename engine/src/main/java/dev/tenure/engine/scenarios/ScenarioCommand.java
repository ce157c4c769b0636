package dev.tenure.engine.scenarios;

import dev.tenure.engine.rules.InvalidRuleSetException;
import dev.tenure.engine.rules.RuleProblem;
import dev.tenure.engine.rules.RuleSet;
import dev.tenure.engine.rules.RuleSetCompiler;
import dev.tenure.engine.rules.RuleSetFiles;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code test <rules folder>}: compiles a rules folder and runs its scenarios, with no database and no
 * Spring, prints the report and exits 0 when every scenario passed, 1 when one failed, 2 when the rules
 * cannot be compiled or the command is wrong. Run it with
 * {@code ./mvnw -q -pl engine compile exec:exec} (see engine/README.md).
 */
public final class ScenarioCommand {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int UNUSABLE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    ScenarioCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/tenure/engine/scenarios/command-logback.xml");
        }
        System.exit(new ScenarioCommand(System.out, System.err, Clock.systemUTC()).run(args));
    }

    int run(String... args) {
        if (args.length != 2 || !args[0].equals("test")) {
            err.println("usage: test <rules folder>   runs the scenarios in <rules folder>/tests/*.yml");
            return UNUSABLE;
        }
        Path folder = Path.of(args[1]);
        RuleSet ruleSet;
        try {
            ruleSet = new RuleSetCompiler().compile(RuleSetFiles.read(folder));
        } catch (InvalidRuleSetException e) {
            err.println("The rule set in " + folder + " cannot be used:");
            for (RuleProblem p : e.problems()) {
                err.println("  " + p);
            }
            return UNUSABLE;
        }
        if (ruleSet.files().files().stream().noneMatch(f -> f.isScenario())) {
            err.println("No scenarios in " + folder.resolve("tests") + ": nothing was tested");
            return FAILED;
        }
        ScenarioReport report = new ScenarioSuite(clock).run(ruleSet);
        out.print(report.text());
        return report.passed() ? PASSED : FAILED;
    }
}
