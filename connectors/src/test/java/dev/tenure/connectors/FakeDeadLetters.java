package dev.tenure.connectors;

import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.testing.TestClock;

import java.util.ArrayList;
import java.util.List;

/** The dead-letter store in memory, for unit tests. */
public class FakeDeadLetters extends DeadLetters {

    private final List<DeadLetter> letters = new ArrayList<>();

    public FakeDeadLetters() {
        super(null, TestClock.get());
    }

    @Override
    public void record(List<DeadLetter> letters) {
        this.letters.addAll(letters);
    }

    @Override
    public List<DeadLetter> latest(String source, int limit) {
        return letters.stream().filter(d -> source == null || source.equals(d.source())).limit(limit).toList();
    }

    public List<DeadLetter> all() {
        return letters;
    }
}
