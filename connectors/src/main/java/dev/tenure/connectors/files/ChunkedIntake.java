package dev.tenure.connectors.files;

import dev.tenure.connectors.records.RecordKind;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Hands the good records of one file to the engine a chunk at a time, and stores its bad lines as
 * dead letters. Chunks are stored by the writers while the next chunk is read, without being evaluated;
 * {@link #finish} then has the engine evaluate each account the file touched once, however many chunks
 * named it. A chunk the engine refuses is stored again without the records it named, so one record
 * naming an unknown account costs only its own line, not the thousands around it.
 * <p>
 * A chunk with an account record (or a contact record) for an account (a contact) an earlier chunk has a record for
 * too is stored only once that chunk is: the file's later line wins (its stage, its fields), as it does within one
 * chunk, and not whichever chunk happened to commit last. Chunks that share no such record are still stored at once:
 * a contacts file sorted by account shares an account across each chunk boundary, seldom a contact.
 */
final class ChunkedIntake {

    static final String SOURCE = "file";

    private static final Logger log = LoggerFactory.getLogger(ChunkedIntake.class);

    private final Intake intake;
    private final DeadLetters deadLetters;
    private final String fileName;
    private final int chunkSize;
    private final ExecutorService writers;
    private final int writerCount;
    private final List<Pending> pending = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    /**
     * The latest chunk in flight with a record of each account or contact ({@link #described}). A chunk leaves it when
     * collected, so it holds no more than the chunks in flight do, however many accounts a file names.
     */
    private final Map<String, CompletableFuture<Stored>> lastChunkNaming = new HashMap<>();
    private int records;
    private int accepted;
    private int duplicates;
    private int deadLettered;
    private int accountsEvaluated;
    private int playsStarted;
    private java.time.Instant oldestSignal;

    ChunkedIntake(Intake intake, DeadLetters deadLetters, String fileName, int chunkSize, ExecutorService writers,
                  int writerCount) {
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.fileName = fileName;
        this.chunkSize = chunkSize;
        this.writers = writers;
        this.writerCount = writerCount;
    }

    /** One line of the file: usually one record, two for a solved ticket of a one-row-per-ticket export. */
    /** A chunk handed to a writer, with the records it holds whose order matters ({@link #described}). */
    private record InFlight(CompletableFuture<Stored> stored, Set<String> described) {
    }

    private record Pending(int line, String text, String label, List<Object> records) {
    }

    /** What storing one chunk came to: the engine's counts and the records it refused, as dead letters. */
    private record Stored(IntakeResult result, List<DeadLetter> refused) {
    }

    void add(int line, String text, String label, List<Object> lineRecords) {
        records++;
        for (Object record : lineRecords) {
            if (record instanceof dev.tenure.engine.vocabulary.Signal s
                    && (oldestSignal == null || s.occurredAt().isBefore(oldestSignal))) {
                oldestSignal = s.occurredAt();
            }
        }
        pending.add(new Pending(line, text, label, lineRecords));
        if (pending.size() >= chunkSize) {
            flush();
        }
    }

    void reject(int line, String text, List<RecordError> errors) {
        reject(line, text, reason(errors));
    }

    void reject(int line, String text, String reason) {
        records++;
        letters.add(DeadLetter.of(SOURCE, fileName, line, text, reason));
        if (letters.size() >= chunkSize) {
            flush();
        }
    }

    /**
     * Hands what is pending to a writer; called when a chunk is full. Waits only when every writer is busy
     * and one more chunk waits, so reading stays at most a chunk or two ahead of storing.
     */
    void flush() {
        if (!pending.isEmpty()) {
            List<Pending> chunk = List.copyOf(pending);
            pending.clear();
            Set<String> described = described(chunk);
            // Chained, not waited for on a writer: a writer never blocks on another chunk, so none can starve.
            CompletableFuture<?>[] earlier = described.stream().map(lastChunkNaming::get).filter(Objects::nonNull)
                    .distinct().toArray(CompletableFuture[]::new);
            CompletableFuture<Stored> stored = CompletableFuture.allOf(earlier).thenApplyAsync(done -> store(chunk), writers);
            described.forEach(key -> lastChunkNaming.put(key, stored));
            inFlight.add(new InFlight(stored, described));
            while (inFlight.size() > writerCount) {
                collect(inFlight.poll());
            }
        }
        recordLetters();
    }

    /**
     * Stores the rest, waits for every chunk, then evaluates the accounts the file touched, on every
     * writer at once (each takes its own accounts off the engine's queue). Called once, at the end.
     */
    void finish() {
        flush();
        while (!inFlight.isEmpty()) {
            collect(inFlight.poll());
        }
        recordLetters();
        List<Future<IntakeResult>> evaluations = new ArrayList<>();
        for (int i = 0; i < writerCount; i++) {
            evaluations.add(writers.submit(intake::evaluateQueued));
        }
        evaluations.forEach(e -> count(await(e)));
    }

    /**
     * The accounts and contacts whose own records (an account's line, a contact's) this chunk holds: the records whose
     * order matters, since the last one stored wins. Signals carry their own time, so their chunks need no order.
     */
    private static Set<String> described(List<Pending> chunk) {
        Set<String> keys = new LinkedHashSet<>();
        for (Pending p : chunk) {
            for (Object record : p.records()) {
                if (record instanceof dev.tenure.engine.vocabulary.Account a && a.id() != null) {
                    keys.add("account " + a.id());
                } else if (record instanceof dev.tenure.engine.vocabulary.Contact c && c.accountId() != null && c.email() != null) {
                    keys.add("contact " + c.accountId() + " " + c.email().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return keys;
    }

    private Stored store(List<Pending> chunk) {
        try {
            return new Stored(intake.store(batchOf(chunk)), List.of());
        } catch (RejectedRecordsException e) {
            log.info("{}: the engine refused {} of a chunk of {} records ({}); storing the others", fileName,
                    e.errors().size(), chunk.size(), e.getMessage());
            return storeAllBut(chunk, e.errors());
        }
    }

    /** Stores the chunk without the records the engine named; if it refuses again, record by record. */
    private Stored storeAllBut(List<Pending> chunk, List<RecordError> errors) {
        Map<String, List<RecordError>> byLabel = errors.stream()
                .collect(Collectors.groupingBy(RecordError::record, LinkedHashMap::new, Collectors.toList()));
        List<DeadLetter> refused = new ArrayList<>();
        List<Pending> rest = new ArrayList<>();
        for (Pending p : chunk) {
            if (byLabel.containsKey(p.label())) {
                refused.add(DeadLetter.of(SOURCE, fileName, p.line(), p.text(), reason(byLabel.get(p.label()))));
            } else {
                rest.add(p);
            }
        }
        if (rest.isEmpty()) {
            return new Stored(new IntakeResult(0, 0, 0, 0), refused);
        }
        if (refused.isEmpty()) {
            return oneByOne(rest);
        }
        try {
            return new Stored(intake.store(batchOf(rest)), refused);
        } catch (RejectedRecordsException again) {
            Stored alone = oneByOne(rest);
            refused.addAll(alone.refused());
            return new Stored(alone.result(), refused);
        }
    }

    private Stored oneByOne(List<Pending> chunk) {
        int ok = 0;
        int dup = 0;
        List<DeadLetter> refused = new ArrayList<>();
        for (Pending p : chunk) {
            try {
                IntakeResult r = intake.store(batchOf(List.of(p)));
                ok += r.accepted();
                dup += r.duplicates();
            } catch (RejectedRecordsException e) {
                refused.add(DeadLetter.of(SOURCE, fileName, p.line(), p.text(), reason(e.errors())));
            }
        }
        return new Stored(new IntakeResult(ok, dup, 0, 0), refused);
    }

    private void collect(InFlight chunk) {
        chunk.described().forEach(key -> lastChunkNaming.remove(key, chunk.stored()));
        Stored stored = await(chunk.stored());
        count(stored.result());
        letters.addAll(stored.refused());
    }

    private void recordLetters() {
        if (!letters.isEmpty()) {
            deadLetters.record(letters);
            deadLettered += letters.size();
            letters.clear();
        }
    }

    /** A writer's failure is the file's failure: the route moves the file to error/ with the reason. */
    private static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the file's records were being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Batch batchOf(List<Pending> records) {
        Batch.Builder batch = new Batch.Builder();
        records.forEach(r -> r.records().forEach(record -> batch.add(r.label(), record)));
        return batch.build();
    }

    private void count(IntakeResult result) {
        accepted += result.accepted();
        duplicates += result.duplicates();
        accountsEvaluated += result.accountsEvaluated();
        playsStarted += result.playsStarted();
    }

    /** "field: message; field: message": the line is already named by the dead letter itself. */
    static String reason(List<RecordError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    /** When the oldest signal handed to the engine happened, or null without any. */
    java.time.Instant oldestSignal() {
        return oldestSignal;
    }

    FileReport report(RecordKind kind, List<String> notes) {
        return new FileReport(fileName, kind, records, accepted, duplicates, deadLettered, accountsEvaluated,
                playsStarted, notes);
    }
}
