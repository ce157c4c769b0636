package dev.tenure.engine.rules;

import dev.tenure.engine.facts.FactSettings;
import dev.tenure.engine.health.HealthFileProblem;
import dev.tenure.engine.health.HealthModel;
import dev.tenure.engine.health.HealthModelFile;
import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.PlayFileProblem;
import dev.tenure.engine.plays.PlayFiles;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a {@link RuleSet} from its files: every build gets its own ReleaseId and KieContainer, so a
 * rule set is either whole and valid or not made at all. Before anything reaches Drools, each DRL text
 * (written, or generated from a decision table) passes the textual {@link DrlSandbox}, the vocabulary
 * check and {@link DrlStructure}; a text that fails never reaches the KieBuilder. The rules are compiled
 * with Drools' executable model, so every condition, eval, {@code from}, accumulate argument, consequence
 * and function becomes bytecode, and {@link CompiledRuleCheck} reads all of it before any is loaded: the
 * sandbox by construction. Only then is a KieContainer made. Plays, templates and task texts are checked too.
 */
public final class RuleSetCompiler {

    private static final Pattern PLAY_CALL = Pattern.compile("playbook\\s*\\.\\s*start\\s*\\(\\s*\"([^\"]*)\"");

    private final RuleLimits limits;
    private final RuleWatch watch;
    private final boolean textChecks;
    /** Rules in one rule set, all files and decision table rows together: many times what a playbook needs. */
    static final int MAX_RULES = 500;

    private final DrlSandbox sandbox = new DrlSandbox();
    private final DrlStructure structure = new DrlStructure();
    private final CompiledRuleCheck compiledCheck = new CompiledRuleCheck();
    private final VocabularyConstants constants = new VocabularyConstants();
    private final OutOfRangeNumbers numbers = new OutOfRangeNumbers();
    private final DecisionTables decisionTables = new DecisionTables();
    private final TemplateVariables emailVariables = new TemplateVariables(TemplateModel.email());
    private final TemplateVariables taskVariables = new TemplateVariables(TemplateModel.task());
    private final TemplateVariables cadenceEmailVariables = new TemplateVariables(TemplateModel.cadenceEmail());
    private final TemplateVariables cadenceTaskVariables = new TemplateVariables(TemplateModel.cadenceTask());

    /** A compiler whose rule sets run within the default limits. */
    public RuleSetCompiler() {
        this(RuleLimits.defaults());
    }

    public RuleSetCompiler(RuleLimits limits) {
        this(limits, new RuleWatch(), true);
    }

    /** {@code textChecks} false leaves out the textual sandbox: for tests that the compiled-code check holds alone. */
    RuleSetCompiler(RuleLimits limits, RuleWatch watch, boolean textChecks) {
        this.limits = limits;
        this.watch = watch;
        this.textChecks = textChecks;
    }

    RuleWatch watch() {
        return watch;
    }

    RuleLimits limits() {
        return limits;
    }

    public RuleSet compile(RuleSetFiles files) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, String> templates = files.files().stream().filter(RuleFile::isTemplate)
                .collect(Collectors.toMap(RuleFile::baseName, RuleFile::content));
        Map<String, PlayDefinition> plays = plays(files, templates.keySet(), problems);
        checkVariables(files, plays, problems);
        HealthModel health = health(files, problems);
        FactSettings factSettings = factSettings(files, problems);
        List<DrlSource> safe = new ArrayList<>();
        List<DrlStructure.Declared> declared = new ArrayList<>();
        for (DrlSource source : sources(files, problems)) {
            int before = problems.size();
            if (isSafe(source, problems)) {
                DrlStructure.Declared read = structure.read(source, problems);
                if (problems.size() == before) {
                    safe.add(source);
                    if (read != null) {
                        declared.add(read);
                    }
                }
            }
            checkPlayCalls(source, plays, problems);
        }
        if (tooManyRules(declared, problems)) {
            safe.clear();
        }
        Built built = build(files.version(), safe, declared, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRuleSetException(problems);
        }
        List<String> ruleNames = built.kieBase().getKiePackages().stream()
                .map(KiePackage::getRules).flatMap(java.util.Collection::stream)
                .map(Rule::getName).sorted().toList();
        RuleSet ruleSet = new RuleSet(files, built.kieBase(), ruleNames, plays, templates, health, built.code(),
                limits.evaluation(), watch, factSettings);
        // The first evaluation would build the network; the scenario tests that come next must not pay for it.
        ruleSet.warmUp();
        return ruleSet;
    }

    /**
     * More rules than {@link #MAX_RULES} are refused at the first one beyond it, before the KieBuilder turns each
     * into Java source and classes (thousands of decision table rows would hold gigabytes while compiling).
     */
    private static boolean tooManyRules(List<DrlStructure.Declared> declared, List<RuleProblem> problems) {
        int total = declared.stream().mapToInt(d -> d.rules().size()).sum();
        if (total <= MAX_RULES) {
            return false;
        }
        int seen = 0;
        for (DrlStructure.Declared d : declared) {
            if (seen + d.rules().size() > MAX_RULES) {
                int line = d.rules().values().stream().sorted().skip(MAX_RULES - seen).findFirst().orElse(0);
                problems.add(d.source().problem(line, 0, "a rule set has at most " + MAX_RULES + " rules, this one has "
                        + total + ": rule " + (MAX_RULES + 1) + " is here"));
                return true;
            }
            seen += d.rules().size();
        }
        return true;
    }

    /** Every DRL text of the rule set: the .drl files, and the DRL each decision table stands for. */
    private List<DrlSource> sources(RuleSetFiles files, List<RuleProblem> problems) {
        List<DrlSource> sources = new ArrayList<>();
        for (RuleFile f : files.files()) {
            if (f.isDrl()) {
                sources.add(DrlSource.of(f));
            } else if (f.isDecisionTable()) {
                DrlSource table = decisionTables.toDrl(f, problems);
                if (table != null) {
                    sources.add(table);
                }
            }
        }
        return sources;
    }

    /** Sandbox and vocabulary: a text with any problem here stays out of the build. */
    private boolean isSafe(DrlSource source, List<RuleProblem> problems) {
        int before = problems.size();
        if (textChecks) {
            sandbox.check(source.text()).forEach(f -> problems.add(source.problem(f)));
        }
        constants.check(source.text()).forEach(f -> problems.add(source.problem(f)));
        return problems.size() == before;
    }

    private static Map<String, PlayDefinition> plays(RuleSetFiles files, Set<String> templates, List<RuleProblem> problems) {
        Map<String, PlayDefinition> plays = new HashMap<>();
        List<PlayFileProblem> playProblems = new ArrayList<>();
        for (RuleFile f : files.files()) {
            if (f.isPlay()) {
                PlayDefinition play = PlayFiles.parse(f.path(), f.baseName(), f.content(), templates, playProblems);
                if (play != null) {
                    plays.put(play.id(), play);
                }
            }
        }
        playProblems.forEach(p -> problems.add(new RuleProblem(p.file(), p.line(), 0, p.message())));
        return plays;
    }

    /** The health model of {@code health.yml}, or the built-in one when the rule set has none. */
    private static HealthModel health(RuleSetFiles files, List<RuleProblem> problems) {
        RuleFile file = files.files().stream().filter(RuleFile::isHealthModel).findFirst().orElse(null);
        if (file == null) {
            return HealthModel.builtIn(files.version());
        }
        List<HealthFileProblem> found = new ArrayList<>();
        HealthModel model = HealthModelFile.parse(file.path(), file.content(), files.version(), found);
        found.forEach(p -> problems.add(new RuleProblem(p.file(), p.line(), 0, p.message())));
        return model;
    }

    /** The settings of {@code facts.yml}, or the defaults when the rule set has none. */
    private static FactSettings factSettings(RuleSetFiles files, List<RuleProblem> problems) {
        return files.files().stream().filter(RuleFile::isFactSettings).findFirst()
                .map(f -> FactSettingsFile.parse(f, problems)).orElse(FactSettings.DEFAULTS);
    }

    /**
     * A template or task text reading a variable that is not there would fail only when its step comes due.
     * A play with a cadence carries only the account and its occurrence as facts, so its texts, and the
     * templates it sends, are checked against that narrower model too.
     */
    private void checkVariables(RuleSetFiles files, Map<String, PlayDefinition> plays, List<RuleProblem> problems) {
        Set<String> cadenceTemplates = plays.values().stream().filter(PlayDefinition::hasCadence)
                .flatMap(play -> play.steps().stream()).map(StepDefinition::template)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Set<String> cadencePlays = plays.entrySet().stream().filter(e -> e.getValue().hasCadence())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        for (RuleFile f : files.files()) {
            if (f.isTemplate()) {
                List<RuleProblem> found = emailVariables.check(f);
                problems.addAll(found);
                if (found.isEmpty() && cadenceTemplates.contains(f.baseName())) {
                    problems.addAll(cadenceEmailVariables.check(f));
                }
            } else if (f.isPlay()) {
                List<RuleProblem> found = taskVariables.check(f);
                problems.addAll(found);
                if (found.isEmpty() && cadencePlays.contains(f.baseName())) {
                    problems.addAll(cadenceTaskVariables.check(f));
                }
            }
        }
    }

    /** A rule that starts a play nobody wrote would fail at run time; say so now, with the line. */
    private static void checkPlayCalls(DrlSource source, Map<String, PlayDefinition> plays, List<RuleProblem> problems) {
        String[] lines = source.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PLAY_CALL.matcher(lines[i]);
            while (m.find()) {
                PlayDefinition play = plays.get(m.group(1));
                if (play == null) {
                    problems.add(source.problem(i + 1, m.start(1) + 1, "play '" + m.group(1) + "' is not in rules/plays/"));
                } else if (play.hasCadence()) {
                    // Its steps are placed before each occurrence; started by a rule they would have no occurrence.
                    problems.add(source.problem(i + 1, m.start(1) + 1, "play '" + m.group(1)
                            + "' has a cadence: it starts on its own before each occurrence, not from a rule"));
                }
            }
        }
    }

    private record Built(KieBase kieBase, RuleCode code) {
    }

    private Built build(String version, List<DrlSource> sources, List<DrlStructure.Declared> declared,
                        List<RuleProblem> problems) {
        KieServices ks = KieServices.get();
        // Unique per build, not per version: the repository is one for the JVM, and two builds of one version at
        // once (a node following a change while a dry run compiles it; the contexts of a test JVM) would
        // otherwise replace and remove each other's module.
        ReleaseId releaseId = ks.newReleaseId("dev.tenure", "rules", version + "-" + UUID.randomUUID());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        Map<String, DrlSource> byBuildPath = new LinkedHashMap<>();
        for (DrlSource source : sources) {
            byBuildPath.put(source.buildPath(), source);
            kfs.write(BuildMessages.RESOURCES + source.buildPath(), source.text());
        }
        try {
            KieBuilder builder;
            try {
                builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
            } catch (RuntimeException e) {
                // The executable model gives up on some expressions with an exception rather than a message.
                problems.addAll(numbers.locate(List.of(new RuleProblem("", 0, 0,
                        "Drools could not compile the rules: " + firstLine(e.getMessage()))), sources));
                return null;
            }
            List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
            Map<String, String> generated = BuildMessages.generatedSources(errors);
            problems.addAll(numbers.locate(errors.stream().filter(m -> !BuildMessages.quotesSource(m))
                    .map(m -> BuildMessages.problem(m, byBuildPath, generated)).toList(), sources));
            if (!problems.isEmpty()) {
                return null;
            }
            // Before anything of the module is loaded: the container would run the generated model's code.
            RuleLocations where = new RuleLocations(declared);
            CompiledRuleCheck.Result checked = compiledCheck.check(classes((InternalKieModule) builder.getKieModule()));
            checked.findings().forEach(f -> problems.add(where.problem(f)));
            if (!problems.isEmpty()) {
                return null;
            }
            KieContainer container = ks.newKieContainer(releaseId);
            return new Built(container.getKieBase(), new RuleCode(checked.ruleOfCode(), where.rules()));
        } finally {
            // The container keeps what it needs; the repository would otherwise hold every version ever built.
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    /** The class files of the module, by internal name. */
    private static Map<String, byte[]> classes(InternalKieModule module) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String name : module.getFileNames()) {
            if (name.endsWith(".class")) {
                classes.put(name.substring(0, name.length() - ".class".length()), module.getBytes(name));
            }
        }
        return classes;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
