package dev.tenure.engine.rules;

import dev.tenure.engine.bounds.FileTexts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The files of a rule set read from a folder, and the version their content hashes to. */
public record RuleSetFiles(String version, List<RuleFile> files) {

    public static RuleSetFiles read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidRuleSetException(List.of(new RuleProblem(folder.toString(), 0, 0,
                    "the rules folder does not exist (set tenure.rules.folder)")));
        }
        List<RuleFile> files = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                String path = folder.relativize(p).toString().replace('\\', '/');
                // Only a rule set's files are read: anything else in the folder is no concern of the rule set's.
                if (!belongs(new RuleFile(path, ""))) {
                    continue;
                }
                try {
                    files.add(new RuleFile(path, FileTexts.read(p)));
                } catch (FileTexts.TooLong e) {
                    problems.add(new RuleProblem(path, e.line(), e.column(), e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules folder " + folder, e);
        }
        if (!problems.isEmpty()) {
            // Each too long file is named, as an upload names each: not only the first one read.
            throw new InvalidRuleSetException(problems);
        }
        files.sort(Comparator.comparing(RuleFile::path));
        return of(files);
    }

    /** Whether a file is part of a rule set; anything else in the folder is not read, and not accepted in an upload. */
    static boolean belongs(RuleFile f) {
        return f.isDrl() || f.isDecisionTable() || f.isPlay() || f.isTemplate() || f.isScenario() || f.isHealthModel()
                || f.isFactSettings();
    }

    /**
     * The version these files had when {@code facts.yml} was not yet read as part of a rule set. A folder last read
     * then, and not changed since, has this version on record: it is the same folder, not a changed one, so an
     * upgrade does not put it in force over an upload or a rollback.
     */
    String versionBeforeFactSettings() {
        return hash(files.stream().filter(f -> !f.isFactSettings()).toList());
    }

    public static RuleSetFiles of(List<RuleFile> files) {
        return new RuleSetFiles(hash(files), files);
    }

    private static String hash(List<RuleFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (RuleFile f : files) {
                digest.update(f.path().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(f.content().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
