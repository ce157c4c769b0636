package dev.tenure.engine.activity;

import dev.tenure.engine.intake.SignalPayloads;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An account's timeline with its signals: the stored timeline (plays, steps, tasks, emails, contact and stage
 * changes, milestones) merged, newest first, with the tickets, billing events, NPS and CSAT answers the account
 * sent and its usage, a line per feature and UTC day (the {@code usage_daily} rollup the rules read: an account
 * sends thousands of usage events, a CSM reads days). Read a page at a time, narrowed to kinds and a period.
 */
@Repository
public class AccountActivity {

    /** How a signal's entry type starts: {@code signal.ticket}. */
    static final String SIGNAL = "signal.";
    /** How far before a play's start the signals behind its facts are looked for: the longest fact window. */
    public static final Duration BEHIND = Duration.ofDays(90);

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private final JdbcClient jdbc;
    private final SignalPayloads payloads;
    private final JsonColumns json;

    AccountActivity(JdbcClient jdbc, SignalPayloads payloads, JsonColumns json) {
        this.jdbc = jdbc;
        this.payloads = payloads;
        this.json = json;
    }

    /** One page of the account's whole timeline, newest first: up to {@code limit} entries after skipping {@code offset}. */
    public List<ActivityEntry> page(String accountId, Collection<ActivityKind> kinds, int offset, int limit) {
        return between(accountId, kinds, EARLIEST, LATEST, offset, limit);
    }

    /** How many entries the account's whole timeline has of these kinds (all kinds when empty): a page's total. */
    public long count(String accountId, Collection<ActivityKind> kinds) {
        boolean everything = kinds.isEmpty();
        Set<ActivityKind> wanted = everything ? EnumSet.allOf(ActivityKind.class) : EnumSet.copyOf(kinds);
        String[] recorded = wanted.stream().filter(k -> !k.signal()).map(ActivityKind::key).toArray(String[]::new);
        String[] sent = wanted.stream().filter(k -> k.signal() && k != ActivityKind.USAGE).map(ActivityKind::key).toArray(String[]::new);
        boolean usage = wanted.contains(ActivityKind.USAGE);
        Long count = jdbc.sql("""
                        SELECT (SELECT count(*) FROM timeline_entry WHERE account_id = ? AND (? OR split_part(type, '.', 1) = ANY(?)))
                             + (SELECT count(*) FROM signal WHERE account_id = ? AND kind = ANY(?))
                             + (SELECT count(*) FROM usage_daily WHERE ? AND account_id = ?)""")
                .params(accountId, everything, recorded, accountId, sent, usage, accountId)
                .query(Long.class).single();
        return count == null ? 0 : count;
    }

    /**
     * The latest signals of these kinds in the {@link #BEHIND} window before {@code until} (a play's start):
     * what its rule's matched facts were rolled up from.
     */
    public List<ActivityEntry> signalsBefore(String accountId, Collection<ActivityKind> kinds, Instant until, int limit) {
        Set<ActivityKind> signals = EnumSet.noneOf(ActivityKind.class);
        kinds.stream().filter(ActivityKind::signal).forEach(signals::add);
        return signals.isEmpty() ? List.of() : between(accountId, signals, until.minus(BEHIND), until.plusMillis(1), 0, limit);
    }

    /** Entries of these kinds (all kinds when empty) at or after {@code from} and before {@code to}, newest first. */
    List<ActivityEntry> between(String accountId, Collection<ActivityKind> kinds, Instant from, Instant to, int offset, int limit) {
        // Everything is every recorded entry, also of a type no kind names (slack.posted): narrowed only when asked.
        boolean everything = kinds.isEmpty();
        Set<ActivityKind> wanted = everything ? EnumSet.allOf(ActivityKind.class) : EnumSet.copyOf(kinds);
        String[] recorded = wanted.stream().filter(k -> !k.signal()).map(ActivityKind::key).toArray(String[]::new);
        String[] sent = wanted.stream().filter(k -> k.signal() && k != ActivityKind.USAGE).map(ActivityKind::key).toArray(String[]::new);
        boolean usage = wanted.contains(ActivityKind.USAGE);
        int enough = offset + limit;
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        // Each part is cut to what the page could need before they are merged, so a page costs three short
        // index reads however long the account's history is.
        return jdbc.sql("""
                        SELECT at, type, summary, ref, signal_id, kind, payload FROM (
                          (SELECT at, type, summary, ref, NULL::bigint AS signal_id, NULL::text AS kind, NULL::text AS payload,
                                  id AS seq
                           FROM timeline_entry
                           WHERE account_id = ? AND (? OR split_part(type, '.', 1) = ANY(?)) AND at >= ? AND at < ?
                           ORDER BY at DESC, id DESC LIMIT ?)
                          UNION ALL
                          (SELECT occurred_at, 'signal.' || kind, NULL, 'signal:' || id, id, kind, payload::text, id
                           FROM signal
                           WHERE account_id = ? AND kind = ANY(?) AND occurred_at >= ? AND occurred_at < ?
                           ORDER BY occurred_at DESC, id DESC LIMIT ?)
                          UNION ALL
                          (SELECT day::timestamp AT TIME ZONE 'UTC', 'signal.usage', NULL, 'usage:' || feature || ':' || day, NULL,
                                  'usage', json_build_object('feature', feature, 'quantity', quantity,
                                                             'activeUsers', active_users, 'day', day)::text, 0
                           FROM usage_daily
                           WHERE ? AND account_id = ? AND day::timestamp AT TIME ZONE 'UTC' >= ?
                             AND day::timestamp AT TIME ZONE 'UTC' < ?
                           ORDER BY day DESC, feature LIMIT ?)
                        ) entries ORDER BY at DESC, seq DESC, ref LIMIT ? OFFSET ?""")
                .params(accountId, everything, recorded, start, end, enough,
                        accountId, sent, start, end, enough,
                        usage, accountId, start, end, enough,
                        limit, offset)
                .query(this::entry)
                .list();
    }

    private ActivityEntry entry(ResultSet rs, int n) throws SQLException {
        Instant at = rs.getTimestamp("at").toInstant();
        String type = rs.getString("type");
        String ref = rs.getString("ref");
        String payload = rs.getString("payload");
        ActivityKind kind = ActivityKind.ofType(type).orElse(null);
        if (payload == null) {
            return new ActivityEntry(at, kind, type, rs.getString("summary"), ref);
        }
        if ("usage".equals(rs.getString("kind"))) {
            return new ActivityEntry(at, ActivityKind.USAGE, type, usage(json.map(payload)), ref);
        }
        return new ActivityEntry(at, kind, type, summary(payloads.read(rs.getLong("signal_id"), rs.getString("kind"), payload)), ref);
    }

    private static String usage(Map<String, Object> day) {
        long quantity = ((Number) day.getOrDefault("quantity", 0)).longValue();
        long users = ((Number) day.getOrDefault("activeUsers", 0)).longValue();
        return "Usage of " + day.get("feature") + " on " + day.get("day") + " (UTC): " + number(quantity) + (quantity == 1 ? " use" : " uses")
                + (users > 0 ? " by " + number(users) + (users == 1 ? " active user" : " active users") : "");
    }

    /** A signal in a sentence a CSM reads. */
    static String summary(Signal signal) {
        if (signal instanceof TicketSignal t) {
            return "Ticket " + t.ticketId() + " " + words(t.status().name()) + " (" + words(t.priority().name())
                    + " priority)" + (t.subject() == null || t.subject().isBlank() ? "" : ": " + t.subject());
        }
        if (signal instanceof BillingSignal b) {
            return "Billing: " + words(b.event().name())
                    + (b.amount() == null ? "" : ", " + b.amount().toPlainString() + (b.currency() == null ? "" : " " + b.currency()))
                    + (b.invoiceId() == null ? "" : " (invoice " + b.invoiceId() + ")");
        }
        if (signal instanceof NpsSignal s) {
            return "NPS answer " + s.score() + " of 10" + (s.contactEmail() == null ? "" : " from " + s.contactEmail())
                    + (s.detractor() ? ", a detractor" : s.promoter() ? ", a promoter" : "")
                    + (s.comment() == null || s.comment().isBlank() ? "" : ": \u201c" + s.comment() + "\u201d");
        }
        if (signal instanceof CsatSignal c) {
            return "CSAT answer " + c.score() + " of 5" + (c.contactEmail() == null ? "" : " from " + c.contactEmail())
                    + (c.ticketId() == null ? "" : " about ticket " + c.ticketId());
        }
        if (signal instanceof UsageSignal u) {
            return "Usage of " + u.feature() + ": " + number(u.quantity()) + " uses";
        }
        return signal.kind() + " signal " + signal.externalId();
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n);
    }
}
