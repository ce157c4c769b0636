package dev.tenure.connectors.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.intake.Batch;
import dev.tenure.engine.intake.CustomerDirectory;
import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.intake.IntakeResult;
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
import java.util.stream.Stream;

/**
 * Maps a request of Segment calls, in order, to one batch: track calls of a configured event become usage
 * signals (eventId the messageId), identify calls with an email become contacts, group calls put a user
 * in an account for the track calls that name no group, this request's later calls included.
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

    SegmentIntake(SegmentProperties properties, UserGroups userGroups, CustomerDirectory customers,
                  Intake intake, ObjectMapper json, Clock clock, ObjectProvider<MeterRegistry> meters) {
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
        List<SegmentCall> calls;
        try {
            calls = new SegmentCalls(json, clock.instant()).read(pathType, body);
        } catch (RuntimeException e) {
            count("rejected", 1);
            throw e;
        }
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
        List<Contact> people = contactsOf(identified.values(), accountOf, known);
        people.forEach(c -> batch.add("segment identify " + c.email(), c));
        groupCalls.forEach(call -> userGroups.put(call.userId(), call.groupId(), call.timestamp()));
        Batch built = batch.build();
        IntakeResult stored = built.isEmpty() ? new IntakeResult(0, 0, 0, 0) : intake.accept(built);
        int taken = stored.accepted() + groupCalls.size();
        int ignored = calls.size() - built.size() - groupCalls.size();
        count("accepted", taken);
        count("duplicate", stored.duplicates());
        count("ignored", ignored);
        return new SegmentResult(calls.size(), taken, stored.duplicates(), ignored, stored.accountsEvaluated(),
                stored.playsStarted());
    }

    /** A person already known keeps their role and settings; only the name Segment has is taken. */
    private List<Contact> contactsOf(Iterable<SegmentCall> calls, Map<SegmentCall, String> accountOf, Set<String> known) {
        List<String> accountIds = new ArrayList<>();
        calls.forEach(call -> accountIds.add(accountOf.get(call)));
        Map<String, List<Contact>> existing = customers.contactsOf(accountIds.stream().filter(known::contains).distinct().toList());
        List<Contact> people = new ArrayList<>();
        for (SegmentCall call : calls) {
            String account = accountOf.get(call);
            if (!known.contains(account)) {
                continue;
            }
            Contact before = existing.getOrDefault(account, List.of()).stream()
                    .filter(c -> c.email().equalsIgnoreCase(call.email())).findFirst().orElse(null);
            people.add(before == null
                    ? new Contact(account, call.email(), call.name(), ContactRole.USER, null, true, false)
                    : new Contact(account, before.email(), call.name() != null ? call.name() : before.name(),
                            before.role(), before.timezone(), before.active(), before.unsubscribed()));
        }
        return people;
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            meters.counter("tenure.segment.calls", "outcome", outcome).increment(n);
        }
    }
}
