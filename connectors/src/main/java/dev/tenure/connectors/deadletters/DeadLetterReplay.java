package dev.tenure.connectors.deadletters;

import dev.tenure.connectors.records.RecordKind;
import dev.tenure.connectors.webhooks.Webhooks;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.IntakeResult;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends a dead letter through the webhook route again, once what refused it is fixed (an account
 * created, a rule changed): a webhook request as it came, a JSON-lines line as a one-record request. A
 * replay that is refused again becomes a dead letter of its own with the new reason; one that goes
 * through marks the original replayed. Replaying twice changes nothing more: signals are deduplicated.
 * Sources whose dead letters hold their own messages (Stripe, Zendesk, Segment, JDBC polling, Kafka)
 * replay through their own reading of them ({@link ReplayableSource}).
 */
@Component
public class DeadLetterReplay {

    private static final String WEBHOOK_ORIGIN = "webhook/";

    private final DeadLetters deadLetters;
    private final Webhooks webhooks;
    private final Clock clock;
    private final List<ReplayableSource> sources;

    public DeadLetterReplay(DeadLetters deadLetters, Webhooks webhooks, Clock clock, List<ReplayableSource> sources) {
        this.deadLetters = deadLetters;
        this.webhooks = webhooks;
        this.clock = clock;
        this.sources = List.copyOf(sources);
    }

    /**
     * @throws IllegalArgumentException when the dead letter does not exist or cannot be replayed (a CSV
     *                                  line without its header, a whole file, already replayed, a source
     *                                  that says why not)
     * @throws dev.tenure.engine.intake.RejectedRecordsException when the record is refused again
     */
    public IntakeResult replay(long id) {
        DeadLetter letter = deadLetters.find(id)
                .orElseThrow(() -> new IllegalArgumentException("dead letter " + id + " does not exist"));
        if (letter.replayedAt() != null) {
            throw new IllegalArgumentException("dead letter " + id + " was replayed already, at " + letter.replayedAt());
        }
        Optional<ReplayableSource> source = sourceOf(letter);
        if (source.isPresent()) {
            source.get().unreplayable(letter).ifPresent(why -> {
                throw new IllegalArgumentException("dead letter " + id + " from " + letter.origin()
                        + " cannot be replayed: " + why);
            });
            IntakeResult result = source.get().replay(letter);
            deadLetters.markReplayed(id, clock.instant());
            return result;
        }
        String kind = kindOf(letter).orElseThrow(() -> new IllegalArgumentException("dead letter " + id + " from "
                + letter.origin() + " cannot be replayed here: of a file only a JSON-lines line can; "
                + "fix the file and drop it into the inbox again"));
        IntakeResult result = webhooks.receive(kind, letter.record());
        deadLetters.markReplayed(id, clock.instant());
        return result;
    }

    /** Whether the page should offer a replay button. */
    public static boolean replayable(DeadLetter letter) {
        return letter.replayedAt() == null && kindOf(letter).isPresent();
    }

    /** Whether the page should offer a replay button, sources with messages of their own included. */
    public boolean canReplay(DeadLetter letter) {
        return replayable(letter) || (letter.replayedAt() == null
                && sourceOf(letter).filter(s -> s.unreplayable(letter).isEmpty()).isPresent());
    }

    private Optional<ReplayableSource> sourceOf(DeadLetter letter) {
        return sources.stream().filter(s -> s.handles(letter)).findFirst();
    }

    private static Optional<String> kindOf(DeadLetter letter) {
        String origin = letter.origin();
        if (origin.startsWith(WEBHOOK_ORIGIN)) {
            return RecordKind.named(origin.substring(WEBHOOK_ORIGIN.length())).map(RecordKind::label);
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        // A CSV line means nothing without its file's header, which is not kept with it.
        if (letter.line() != null && (lower.endsWith(".jsonl") || lower.endsWith(".ndjson"))) {
            String fileName = origin.substring(Math.max(origin.lastIndexOf('/'), origin.lastIndexOf('\\')) + 1);
            return RecordKind.prefixOf(fileName).map(RecordKind::label);
        }
        return Optional.empty();
    }
}
