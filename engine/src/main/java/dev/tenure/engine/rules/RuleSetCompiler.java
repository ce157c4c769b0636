package dev.tenure.engine.rules;

import dev.tenure.engine.plays.PlayDefinition;
import dev.tenure.engine.plays.PlayFileProblem;
import dev.tenure.engine.plays.PlayFiles;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a {@link RuleSet} from its files: every build gets its own ReleaseId and KieContainer, so a
 * rule set is either whole and valid or not made at all.
 */
public final class RuleSetCompiler {

    private static final String RESOURCES = "src/main/resources/";
    private static final Pattern PLAY_CALL = Pattern.compile("playbook\\s*\\.\\s*start\\s*\\(\\s*\"([^\"]*)\"");

    public RuleSet compile(RuleSetFiles files) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, String> templates = files.files().stream().filter(RuleFile::isTemplate)
                .collect(Collectors.toMap(RuleFile::baseName, RuleFile::content));
        Map<String, PlayDefinition> plays = plays(files, templates.keySet(), problems);
        checkPlayCalls(files, plays.keySet(), problems);
        KieBase kieBase = build(files, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRuleSetException(problems);
        }
        List<String> ruleNames = kieBase.getKiePackages().stream()
                .map(KiePackage::getRules).flatMap(java.util.Collection::stream)
                .map(Rule::getName).sorted().toList();
        return new RuleSet(files, kieBase, ruleNames, plays, templates);
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

    /** A rule that starts a play nobody wrote would fail at run time; say so now, with the line. */
    private static void checkPlayCalls(RuleSetFiles files, Set<String> plays, List<RuleProblem> problems) {
        for (RuleFile f : files.files()) {
            if (!f.isDrl()) {
                continue;
            }
            String[] lines = f.content().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = PLAY_CALL.matcher(lines[i]);
                while (m.find()) {
                    if (!plays.contains(m.group(1))) {
                        problems.add(new RuleProblem(f.path(), i + 1, m.start(1) + 1,
                                "play '" + m.group(1) + "' is not in rules/plays/"));
                    }
                }
            }
        }
    }

    private static KieBase build(RuleSetFiles files, List<RuleProblem> problems) {
        KieServices ks = KieServices.get();
        ReleaseId releaseId = ks.newReleaseId("dev.tenure", "rules", files.version());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        files.files().stream().filter(RuleFile::isDrl).forEach(f -> kfs.write(RESOURCES + f.path(), f.content()));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            errors.forEach(m -> problems.add(new RuleProblem(relative(m.getPath()), m.getLine(), m.getColumn(), m.getText().strip())));
            return null;
        }
        KieContainer container = ks.newKieContainer(releaseId);
        // The container keeps what it needs; the repository would otherwise hold every version ever built.
        ks.getRepository().removeKieModule(releaseId);
        return container.getKieBase();
    }

    private static String relative(String path) {
        if (path == null) {
            return "";
        }
        return path.startsWith(RESOURCES) ? path.substring(RESOURCES.length()) : path;
    }
}
