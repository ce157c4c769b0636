package dev.tenure.engine.rules;

import dev.tenure.engine.bounds.RecordBounds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A whole rule set sent through the API as paths and texts, checked for shape before anything is
 * compiled or stored: paths relative to the rules folder with '/', each a DRL, decision table, play, template
 * or scenario file, or the health model or fact settings. The same texts under the same paths make the same version as the folder would.
 */
public final class RuleSetUpload {

    private RuleSetUpload() {
    }

    /** The upload as rule set files; refused whole, naming every bad file, with {@link IllegalArgumentException}. */
    public static RuleSetFiles files(Map<String, String> uploaded) {
        if (uploaded == null || uploaded.isEmpty()) {
            throw new IllegalArgumentException("files: the upload has no files; send {\"files\": {\"churn/nps-detractor.drl\": \"...\", ...}}");
        }
        List<String> problems = new ArrayList<>();
        List<RuleFile> files = new ArrayList<>();
        uploaded.forEach((path, content) -> {
            String problem = problem(path, content);
            if (problem != null) {
                problems.add("files[\"" + RecordBounds.shown(path) + "\"]: " + problem);
            } else {
                files.add(new RuleFile(path, content));
            }
        });
        if (!problems.isEmpty()) {
            problems.sort(Comparator.naturalOrder());
            throw new IllegalArgumentException("The upload was refused; nothing was stored: " + String.join("; ", problems));
        }
        // The folder is read in path order; the same order gives the same content hash, so the same version.
        files.sort(Comparator.comparing(RuleFile::path));
        return RuleSetFiles.of(files);
    }

    private static String problem(String path, String content) {
        if (path == null || path.isBlank()) {
            return "a file needs a path";
        }
        if (content == null) {
            return "the file has no text (null)";
        }
        String pathProblem = RecordBounds.idProblem(path);
        if (pathProblem != null) {
            return "path: " + pathProblem;
        }
        String textProblem = RecordBounds.fileTextProblem(content);
        if (textProblem != null) {
            return "text: " + textProblem;
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains("//")
                || List.of(path.split("/")).stream().anyMatch(part -> part.equals("..") || part.equals("."))) {
            return "the path must be relative to the rules folder, with '/' between folders and no '.' or '..'";
        }
        if (!RuleSetFiles.belongs(new RuleFile(path, content))) {
            return "not a rule file: expected *.drl, *.csv, plays/*.yml, templates/*.html, tests/*.yml, health.yml or facts.yml";
        }
        return null;
    }
}
