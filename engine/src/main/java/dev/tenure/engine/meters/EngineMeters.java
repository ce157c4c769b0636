package dev.tenure.engine.meters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;

/**
 * The engine's meters, named once here and registered on the application's {@link MeterRegistry} (so
 * {@code /actuator/metrics} and {@code /actuator/prometheus} show them); without one, on a registry of their
 * own. Counted where the work commits, on the node that did it: a cluster's figure is the sum over its nodes.
 * It takes plain values, not engine records, so every package may count without depending on another.
 * <p>
 * The sources' meters ({@code tenure.source.records}, {@code tenure.segment.calls}) are the connectors'; the
 * guardrails' ({@code tenure.guardrails.*}) are {@code Guardrails}'.
 */
@Component
public class EngineMeters {

    /** Timer: one sample per group of accounts evaluated together (a webhook batch, a queue drain, a sweep). */
    public static final String EVALUATIONS = "tenure.evaluations";
    /** Counter: accounts run through the rules. */
    public static final String ACCOUNTS_EVALUATED = "tenure.evaluations.accounts";
    /** Counter, tag {@code play}: play runs the rules started (held-out and refused starts not counted). */
    public static final String PLAYS_STARTED = "tenure.plays.started";
    /** Counter: cadence occurrences (QBRs, renewal routines) scheduled by the cadence pass. */
    public static final String CADENCE_OCCURRENCES = "tenure.cadences.occurrences";
    /** Counter, tags {@code type} (task, email) and {@code outcome} (done, skipped, failed, retry). */
    public static final String STEPS = "tenure.steps";
    /** Timer, tag {@code type}: how late a step ran after its due time (a backlog, a node down). */
    public static final String STEP_LATENESS = "tenure.steps.lateness";
    /** Counter, tag {@code outcome} (sent, kept, retrying, failed, skipped): play steps' emails. */
    public static final String EMAILS = "tenure.emails";

    private final MeterRegistry registry;
    private final boolean sending;

    @Autowired
    public EngineMeters(ObjectProvider<MeterRegistry> registry, ObjectProvider<JavaMailSender> mail) {
        this(registry.getIfAvailable(SimpleMeterRegistry::new), mail.getIfAvailable() != null);
    }

    /**
     * @param sending whether emails go to an SMTP server (done email steps count as sent) or are only kept,
     *                as the outbox decides: by whether a mail sender is configured
     */
    public EngineMeters(MeterRegistry registry, boolean sending) {
        this.registry = registry;
        this.sending = sending;
        // Registered before the first count, so a rate over them reads 0, not "no data".
        accountsEvaluated();
        cadenceOccurrences();
    }

    private Counter accountsEvaluated() {
        return Counter.builder(ACCOUNTS_EVALUATED).description("Accounts run through the rules").register(registry);
    }

    private Counter cadenceOccurrences() {
        return Counter.builder(CADENCE_OCCURRENCES).description("Cadence occurrences scheduled").register(registry);
    }

    /** A group of {@code accounts} ran through the rules in {@code took}. */
    public void evaluated(int accounts, Duration took) {
        if (accounts == 0) {
            return;
        }
        Timer.builder(EVALUATIONS).description("Groups of accounts run through the rules together")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry).record(took);
        accountsEvaluated().increment(accounts);
    }

    public void playStarted(String playId) {
        Counter.builder(PLAYS_STARTED).description("Play runs the rules started").tag("play", playId)
                .register(registry).increment();
    }

    public void cadenceOccurrences(int occurrences) {
        cadenceOccurrences().increment(occurrences);
    }

    /**
     * A play step ended its turn: {@code outcome} is its result (DONE, SKIPPED, FAILED, RETRY), {@code late}
     * how long after its due time it ran. An email step also counts as an email, sent or (without an SMTP
     * server) kept.
     */
    public void stepRan(String type, String outcome, Duration late) {
        String t = type.toLowerCase(Locale.ROOT);
        String o = outcome.toLowerCase(Locale.ROOT);
        Counter.builder(STEPS).description("Play steps run, by type and outcome").tag("type", t).tag("outcome", o)
                .register(registry).increment();
        Timer.builder(STEP_LATENESS).description("How long after its due time a step ran").tag("type", t)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofDays(1))
                .register(registry).record(late.isNegative() ? Duration.ZERO : late);
        if ("email".equals(t)) {
            String email = switch (o) {
                case "done" -> sending ? "sent" : "kept";
                case "retry" -> "retrying";
                default -> o;
            };
            Counter.builder(EMAILS).description("Play steps' emails, by outcome").tag("outcome", email)
                    .register(registry).increment();
        }
    }
}
