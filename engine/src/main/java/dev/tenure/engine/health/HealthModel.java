package dev.tenure.engine.health;

import dev.tenure.engine.facts.FactSet;
import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.HealthScore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores an account 0–100 from 3–5 weighted components read from {@code rules/health.yml}
 * ({@link HealthModelFile}), and bands the score. Each component says why it scored what it did, so a
 * CSM can argue with it. {@code version} is the version of the rule set the model came with.
 */
public record HealthModel(String version, List<WeightedInput> components, HealthBands bands) {

    /** The file a rule set's health model is read from, relative to the rules folder. */
    public static final String FILE = "health.yml";

    public HealthModel {
        components = List.copyOf(components);
    }

    /**
     * The model of a rule set without a {@code health.yml} (a copy of the one shipped in {@code rules/}), so
     * such a rule set still scores health.
     */
    public static HealthModel builtIn(String version) {
        try (InputStream in = HealthModel.class.getResourceAsStream("built-in-health.yml")) {
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<HealthFileProblem> problems = new ArrayList<>();
            HealthModel model = HealthModelFile.parse(FILE, content, version, problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the built-in health model does not read: " + problems);
            }
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HealthScore score(FactSet facts, int previous, Instant at) {
        List<HealthComponent> scored = new ArrayList<>();
        double total = 0;
        for (WeightedInput c : components) {
            HealthInput.InputScore s = c.input().score(facts);
            scored.add(new HealthComponent(c.name(), s.score(), c.weight(), s.reason()));
            total += s.score() * c.weight();
        }
        int score = (int) Math.round(total);
        return new HealthScore(facts.account().id(), score, bands.of(score), previous, scored, at, version);
    }
}
