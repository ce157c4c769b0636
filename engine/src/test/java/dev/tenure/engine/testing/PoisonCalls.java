package dev.tenure.engine.testing;

import dev.tenure.engine.testing.PoisonRecords.Kind;
import dev.tenure.engine.testing.PoisonRecords.Record;
import dev.tenure.engine.testing.PoisonRecords.Type;

import java.time.Duration;
import java.util.List;

/**
 * What the vendors send, as {@link PoisonRecords} to spoil: Segment's track, identify and group calls, Stripe's
 * invoice and subscription events, Zendesk's ticket events and satisfaction ratings (connectors/README.md,
 * "Segment", "Stripe", "Zendesk"). Dotted field names are nested objects. The key of a valid call is what it is
 * stored by: a track's messageId, an identify's email, a Stripe or Zendesk event's id.
 */
public final class PoisonCalls {

    /** The track event the test configuration maps to a feature. */
    public static final String TRACKED_EVENT = "Report Exported";

    public static final Kind SEGMENT_TRACK = PoisonRecords.kind("segment track", "messageId", Type.ID, "type", Type.ENUM,
            "event", Type.ENUM, "userId", Type.ID, "timestamp", Type.TIME, "context.groupId", Type.ID,
            "properties.quantity", Type.COUNT);
    public static final Kind SEGMENT_IDENTIFY = PoisonRecords.kind("segment identify", "traits.email", Type.EMAIL,
            "type", Type.ENUM, "messageId", Type.ID, "userId", Type.ID, "timestamp", Type.TIME, "traits.name", Type.NAME);
    public static final Kind SEGMENT_GROUP = PoisonRecords.kind("segment group", "messageId", Type.ID, "type", Type.ENUM,
            "userId", Type.ID, "groupId", Type.ID, "timestamp", Type.TIME);
    public static final List<Kind> SEGMENT = List.of(SEGMENT_TRACK, SEGMENT_IDENTIFY, SEGMENT_GROUP);

    public static final Kind STRIPE_INVOICE = PoisonRecords.kind("stripe invoice", "id", Type.ID, "type", Type.ENUM,
            "created", Type.EPOCH, "data.object.id", Type.ID, "data.object.amount_paid", Type.AMOUNT,
            "data.object.amount_due", Type.AMOUNT, "data.object.currency", Type.CURRENCY,
            "data.object.metadata.tenure_account_id", Type.ID);
    public static final Kind STRIPE_SUBSCRIPTION = PoisonRecords.kind("stripe subscription", "id", Type.ID, "type", Type.ENUM,
            "created", Type.EPOCH, "data.object.currency", Type.CURRENCY, "data.object.items", Type.JSON,
            "data.object.quantity", Type.COUNT, "data.object.metadata.tenure_account_id", Type.ID,
            "data.previous_attributes.items", Type.JSON);
    public static final List<Kind> STRIPE = List.of(STRIPE_INVOICE, STRIPE_SUBSCRIPTION);

    public static final Kind ZENDESK_TICKET = PoisonRecords.kind("zendesk ticket", "id", Type.ID, "event", Type.ENUM,
            "ticket.id", Type.ID, "ticket.priority", Type.ENUM, "ticket.status", Type.ENUM, "ticket.subject", Type.TEXT,
            "ticket.updated_at", Type.TIME, "ticket.organization.external_id", Type.ID, "ticket.requester.email", Type.EMAIL);
    public static final Kind ZENDESK_RATING = PoisonRecords.kind("zendesk rating", "id", Type.ID, "event", Type.ENUM,
            "ticket.id", Type.ID, "ticket.updated_at", Type.TIME, "ticket.satisfaction_rating.score", Type.ENUM,
            "ticket.organization.external_id", Type.ID, "ticket.requester.email", Type.EMAIL);
    public static final List<Kind> ZENDESK = List.of(ZENDESK_TICKET, ZENDESK_RATING);

    private PoisonCalls() {
    }

    /** A valid call of the kind, keyed from {@code <tag>-<n>}, about an account that exists. */
    public static Record valid(Kind kind, String tag, int n, String accountId) {
        String key = tag + "-" + n;
        String at = TestClock.now().minus(Duration.ofMinutes(30 + n % 600)).toString();
        long created = TestClock.now().minus(Duration.ofMinutes(n % 600)).getEpochSecond();
        String items = "{\"data\": [{\"price\": {\"unit_amount\": 5000, \"recurring\": {\"interval\": \"month\", \"interval_count\": 1}}, "
                + "\"quantity\": " + (n % 5 + 2) + "}]}";
        String before = items.replace("\"quantity\": " + (n % 5 + 2), "\"quantity\": 1");
        if (kind == SEGMENT_TRACK) {
            return PoisonRecords.record(kind, key, PoisonRecords.ordered("messageId", key, "type", "track", "event", TRACKED_EVENT,
                    "userId", key + "-user", "timestamp", at, "context.groupId", accountId, "properties.quantity", "2"));
        }
        if (kind == SEGMENT_IDENTIFY) {
            String email = key + "@segment.example";
            return PoisonRecords.record(kind, email, PoisonRecords.ordered("traits.email", email, "type", "identify",
                    "messageId", key, "userId", tag + "-user", "timestamp", at, "traits.name", "Sam Segment"));
        }
        if (kind == SEGMENT_GROUP) {
            return PoisonRecords.record(kind, tag + "-user", PoisonRecords.ordered("messageId", key, "type", "group",
                    "userId", tag + "-user", "groupId", accountId, "timestamp", at));
        }
        if (kind == STRIPE_INVOICE) {
            return PoisonRecords.record(kind, "evt_" + key, PoisonRecords.ordered("id", "evt_" + key,
                    "type", n % 2 == 0 ? "invoice.paid" : "invoice.payment_failed", "created", String.valueOf(created),
                    "data.object.id", "in_" + key, "data.object.amount_paid", "42000", "data.object.amount_due", "42000",
                    "data.object.currency", "eur", "data.object.metadata.tenure_account_id", accountId));
        }
        if (kind == STRIPE_SUBSCRIPTION) {
            return PoisonRecords.record(kind, "evt_" + key, PoisonRecords.ordered("id", "evt_" + key,
                    "type", "customer.subscription.updated", "created", String.valueOf(created), "data.object.currency", "usd",
                    "data.object.items", items, "data.object.quantity", "1", "data.object.metadata.tenure_account_id", accountId,
                    "data.previous_attributes.items", before));
        }
        if (kind == ZENDESK_TICKET) {
            return PoisonRecords.record(kind, key, PoisonRecords.ordered("id", key, "event", "ticket.updated", "ticket.id", "Z-" + n,
                    "ticket.priority", "high", "ticket.status", "open", "ticket.subject", "Cannot export",
                    "ticket.updated_at", at, "ticket.organization.external_id", accountId,
                    "ticket.requester.email", "ana@" + accountId + ".example"));
        }
        if (kind == ZENDESK_RATING) {
            return PoisonRecords.record(kind, key, PoisonRecords.ordered("id", key, "event", "satisfaction.rated", "ticket.id",
                    "Z-" + n, "ticket.updated_at", at, "ticket.satisfaction_rating.score", n % 2 == 0 ? "good" : "bad",
                    "ticket.organization.external_id", accountId, "ticket.requester.email", "ana@" + accountId + ".example"));
        }
        throw new IllegalArgumentException(kind.name());
    }
}
