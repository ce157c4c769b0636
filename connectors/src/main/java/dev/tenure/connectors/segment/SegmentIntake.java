package dev.tenure.connectors.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.deadletters.DeadLetter;
import dev.tenure.engine.deadletters.DeadLetters;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.CustomerDirectory;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.UsageSignal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Maps a request of Segment calls, in order, to one batch: track calls of a configured event become usage
 * signals (eventId the messageId), identify calls with an email become contacts, group calls put a user
 * in an account for the track calls that name no group, this request's later calls included. A call of a
 * batch that is refused (when read, or by the engine's bounds) is kept as its own dead letter and left out;
 * the batch's other calls are stored.
 */
@Component
@EnableConfigurationProperties(SegmentProperties.class)
class SegmentIntake {

    static final String SOURCE = "segment";

    private final SegmentProperties properties;
    private final UserGroups userGroups;
    private final CustomerDirectory customers;
    private final Intake intake;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DeadLetters deadLetters;

    SegmentIntake(SegmentProperties properties, UserGroups userGroups, CustomerDirectory customers,
                  Intake intake, ObjectMapper json, Clock clock, ObjectProvider<MeterRegistry> meters,
                  DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.userGroups = userGroups;
        this.customers = customers;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
        // Without Actuator (a bare connectors context) the counts are kept but not published.
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    SegmentResult receive(String pathType, String body) {
        SegmentCalls.Read read;
        try {
            read = new SegmentCalls(json, clock.instant()).read(pathType, body);
        } catch (RuntimeException e) {
            count("rejected", 1);
            throw e;
        }
        List<SegmentCall> calls = new ArrayList<>(read.calls());
        List<RecordError> errors = new ArrayList<>();
        for (SegmentCalls.RefusedCall refused : read.refused()) {
            refuse(refused.json(), refused.errors(), errors);
        }
        int refusedCalls = read.refused().size();
        Map<String, String> groupOf = userGroups.accountsOf(calls.stream().map(SegmentCall::userId)
                .filter(Objects::nonNull).toList());
        List<SegmentCall> groupCalls = new ArrayList<>();
        List<SegmentCall> usage = new ArrayList<>();
        Map<String, SegmentCall> identified = new LinkedHashMap<>();
        Map<SegmentCall, String> accountOf = new HashMap<>();
        for (SegmentCall call : calls) {
            switch (call.type()) {
                case GROUP -> {
                    groupOf.put(call.userId(), call.groupId());
                    groupCalls.add(call);
                }
                case TRACK -> {
                    String account = call.groupId() != null ? call.groupId() : groupOf.get(call.userId());
                    if (account != null && properties.features().containsKey(call.event())) {
                        usage.add(call);
                        accountOf.put(call, account);
                    }
                }
                case IDENTIFY -> {
                    String account = call.userId() == null ? null : groupOf.get(call.userId());
                    if (account != null && call.email() != null) {
                        identified.put(account + " " + call.email().toLowerCase(), call);
                        accountOf.put(call, account);
                    }
                }
                default -> { } // page, screen, alias: nothing Tenure keeps
            }
        }
        // Usage of an account Tenure does not know yet is not an error of the sender's: it is left out.
        Set<String> known = customers.existingAccounts(Stream.concat(usage.stream(), identified.values().stream())
                .map(accountOf::get).distinct().toList());
        Batch.Builder batch = new Batch.Builder();
        for (SegmentCall call : usage) {
            String account = accountOf.get(call);
            if (known.contains(account)) {
                batch.add(call.label(), new UsageSignal(SOURCE, call.messageId(), account, call.timestamp(),
                        properties.features().get(call.event()), call.quantity(), 0));
            }
        }
        // The call's own time dates what it changed about the contact (its first appearance, mostly).
        contactsOf(identified.values(), accountOf, known).forEach((call, contact) -> batch.add(call.label(), contact, call.timestamp()));
        groupCalls.forEach(call -> userGroups.put(call.userId(), call.groupId(), call.timestamp()));
        Batch built = batch.build();
        Accepted stored = read.batch() ? accept(built, calls, errors)
                : new Accepted(built.isEmpty() ? new IntakeResult(0, 0, 0, 0) : intake.accept(built), 0);
        refusedCalls += stored.refused();
        int taken = stored.result().accepted() + groupCalls.size();
        int ignored = calls.size() - built.size() - groupCalls.size();
        count("accepted", taken);
        count("duplicate", stored.result().duplicates());
        count("ignored", ignored);
        return new SegmentResult(calls.size() + read.refused().size(), taken, stored.result().duplicates(), ignored,
                refusedCalls, stored.result().accountsEvaluated(), stored.result().playsStarted(), errors);
    }

    private record Accepted(IntakeResult result, int refused) {
    }

    /**
     * Stores a batch request's records; when the engine refuses some of them (a value out of its bounds),
     * those calls become dead letters and the rest is stored without them. (A single call's refusal refuses
     * its request, as any webhook's.)
     */
    private Accepted accept(Batch batch, List<SegmentCall> calls, List<RecordError> errors) {
        if (batch.isEmpty()) {
            return new Accepted(new IntakeResult(0, 0, 0, 0), 0);
        }
        try {
            return new Accepted(intake.accept(batch), 0);
        } catch (RejectedRecordsException e) {
            Map<String, List<RecordError>> byRecord = new LinkedHashMap<>();
            e.errors().forEach(error -> byRecord.computeIfAbsent(error.record(), r -> new ArrayList<>()).add(error));
            Map<String, SegmentCall> byLabel = new HashMap<>();
            calls.forEach(call -> byLabel.put(call.label(), call));
            if (!byLabel.keySet().containsAll(byRecord.keySet())) {
                // Not a refusal of calls this request made: nothing to leave out, so the request is refused.
                throw e;
            }
            byRecord.forEach((label, refused) -> refuse(byLabel.get(label).json(), refused, errors));
            Batch rest = without(batch, byRecord.keySet());
            return new Accepted(rest.isEmpty() ? new IntakeResult(0, 0, 0, 0) : intake.accept(rest), byRecord.size());
        }
    }

    private static Batch without(Batch batch, Set<String> labels) {
        return new Batch(batch.accounts().stream().filter(r -> !labels.contains(r.label())).toList(),
                batch.contacts().stream().filter(r -> !labels.contains(r.label())).toList(),
                batch.signals().stream().filter(r -> !labels.contains(r.label())).toList());
    }

    /** One refused call, one dead letter: replayed later, it goes through this route alone. */
    private void refuse(String call, List<RecordError> why, List<RecordError> errors) {
        deadLetters.record(List.of(DeadLetter.of(SOURCE, SegmentRoute.ORIGIN + SegmentRoute.NO_TYPE, null, call,
                why.stream().map(RecordError::toString).collect(Collectors.joining("; ")))));
        count("rejected", 1);
        errors.addAll(why);
    }

    /**
     * A person already known keeps their role and settings; only the name Segment has is taken. Kept as they were at the
     * call's time, not as they are now: an identify delivered late (after a contacts file made the champion inactive) is
     * history, and what it sends is read as the contact at its moment, so sending today's role or activity would record
     * a change to them then that nobody made. One read per identify of a known person, of that contact alone.
     */
    private Map<SegmentCall, Contact> contactsOf(Iterable<SegmentCall> calls, Map<SegmentCall, String> accountOf, Set<String> known) {
        List<String> accountIds = new ArrayList<>();
        calls.forEach(call -> accountIds.add(accountOf.get(call)));
        Map<String, List<Contact>> existing = customers.contactsOf(accountIds.stream().filter(known::contains).distinct().toList());
        Map<SegmentCall, Contact> people = new LinkedHashMap<>();
        for (SegmentCall call : calls) {
            String account = accountOf.get(call);
            if (!known.contains(account)) {
                continue;
            }
            Contact before = existing.getOrDefault(account, List.of()).stream()
                    .filter(c -> c.email().equalsIgnoreCase(call.email())).findFirst().orElse(null);
            people.put(call, before == null
                    ? new Contact(account, call.email(), call.name(), ContactRole.USER, null, true, false)
                    : asItWas(before, call));
        }
        return people;
    }

    private Contact asItWas(Contact now, SegmentCall call) {
        Contact then = call.timestamp() == null ? now
                : customers.contactAsOf(now.accountId(), now.email(), call.timestamp()).orElse(now);
        return new Contact(now.accountId(), now.email(), call.name() != null ? call.name() : now.name(), then.role(),
                now.timezone(), then.active(), then.unsubscribed());
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            meters.counter("tenure.segment.calls", "outcome", outcome).increment(n);
        }
    }
}
