package dev.tenure.connectors.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenure.connectors.vendors.JsonPaths;
import dev.tenure.connectors.vendors.VendorEvent;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.intake.RecordError;
import dev.tenure.engine.intake.RejectedRecordsException;
import dev.tenure.engine.vocabulary.Stage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a Stripe event envelope ({@code id}, {@code type}, {@code created}, {@code data.object}) as a
 * canonical billing record. Amounts come in the currency's smallest unit (cents) and are turned into
 * its main unit; a subscription's MRR is the sum of its items' prices times quantities, per month.
 */
class StripeBillingEvents {

    // Currencies Stripe counts in whole units: 500 JPY is "amount": 500, not 50000.
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");

    /** Stripe's subscription statuses that count as the customer still subscribed. */
    private static final Set<String> LIVE = Set.of("active", "trialing", "past_due", "unpaid", "paused");

    private final String accountField;

    StripeBillingEvents(String accountField) {
        this.accountField = accountField;
    }

    VendorEvent read(JsonNode envelope) {
        String id = JsonPaths.text(envelope, "id");
        String type = JsonPaths.text(envelope, "type");
        // The id and type as an error repeats any value: a long or broken one makes no long or broken label.
        String label = "stripe event " + (id == null ? "(no id)" : RecordBounds.shown(id))
                + (type == null ? "" : " (" + RecordBounds.shown(type) + ")");
        List<RecordError> errors = new ArrayList<>();
        JsonNode created = envelope.get("created");
        JsonNode object = envelope.path("data").path("object");
        if (id == null) {
            errors.add(new RecordError(label, "id", "missing"));
        }
        if (type == null) {
            errors.add(new RecordError(label, "type", "missing"));
        }
        if (created == null || !created.canConvertToLong()) {
            errors.add(new RecordError(label, "created", "missing or not epoch seconds"));
        } else if (created.asLong() < Instant.MIN.getEpochSecond() || created.asLong() > Instant.MAX.getEpochSecond()) {
            // Seconds no clock can be at; the ones a clock can be at are bounded with every record's occurredAt.
            errors.add(new RecordError(label, "created", "'" + created.asText() + "' is not a time in epoch seconds"));
        }
        if (!object.isObject()) {
            errors.add(new RecordError(label, "data.object", "missing"));
        }
        if (!errors.isEmpty()) {
            throw new RejectedRecordsException(errors);
        }
        JsonNode previous = envelope.path("data").path("previous_attributes");
        String event = switch (type) {
            case "invoice.payment_failed" -> "PAYMENT_FAILED";
            case "invoice.paid" -> "INVOICE_PAID";
            // Created incomplete, it starts when its first payment goes through, which Stripe sends as an update.
            case "customer.subscription.updated" -> firstPayment(object, previous) ? "SUBSCRIPTION_REACTIVATED" : "MRR_CHANGED";
            case "customer.subscription.deleted" -> "SUBSCRIPTION_CANCELLED";
            // A subscription that starts or resumes: for an account that had cancelled, it is back (else nothing changes).
            case "customer.subscription.created", "customer.subscription.resumed" -> "SUBSCRIPTION_REACTIVATED";
            default -> null;
        };
        if (event == null) {
            return VendorEvent.ignored(label, "Tenure does not use Stripe events of type " + RecordBounds.shown(type));
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode()
                .put("source", "stripe")
                .put("eventId", id)
                .put("accountId", account(label, object))
                .put("occurredAt", Instant.ofEpochSecond(created.asLong()).toString())
                .put("event", event);
        String currency = JsonPaths.text(object, "currency");
        if (currency != null) {
            record.put("currency", currency.toUpperCase(Locale.ROOT));
        }
        String status = JsonPaths.text(object, "status");
        if (event.equals("SUBSCRIPTION_REACTIVATED") && !live(status)) {
            // Incomplete: its first payment has not gone through, so nobody pays for it yet (its update to live starts it).
            return VendorEvent.ignored(label, "the subscription is " + RecordBounds.shown(status)
                    + ", not live: it adds no MRR and brings no account back until it is");
        }
        switch (event) {
            case "PAYMENT_FAILED" -> invoice(record, object, "amount_due", currency);
            case "INVOICE_PAID" -> invoice(record, object, "amount_paid", currency);
            case "MRR_CHANGED" -> {
                BigDecimal now = monthly(object.path("items"), object.path("plan"), object.path("quantity"), currency);
                BigDecimal before = previousMonthly(object, previous, currency);
                if (before == null || now == null || before.compareTo(now) == 0) {
                    return VendorEvent.ignored(label, "the subscription's price did not change");
                }
                record.put("amount", now);
            }
            default -> { }
        }
        return VendorEvent.of(label, record);
    }

    /**
     * The subscription a {@code customer.subscription.*} event is about, for {@link StripeSubscriptions}; empty for
     * other events and for one whose account, subscription id or time {@link #read} would refuse. A subscription is
     * live while active, trialing, past due, unpaid or paused; deleted, canceled or never started (incomplete) it is not.
     * It starts when created, or when the first payment of one created incomplete goes through.
     */
    Optional<SubscriptionChange> subscription(JsonNode envelope) {
        String type = JsonPaths.text(envelope, "type");
        JsonNode object = envelope.path("data").path("object");
        JsonNode created = envelope.get("created");
        if (type == null || !type.startsWith("customer.subscription.") || !object.isObject() || created == null
                || !created.canConvertToLong() || created.asLong() < Instant.MIN.getEpochSecond()
                || created.asLong() > Instant.MAX.getEpochSecond()) {
            return Optional.empty();
        }
        String id = JsonPaths.text(object, "id");
        String account = JsonPaths.text(object, accountField);
        if (account == null && object.path(accountField).isObject()) {
            account = JsonPaths.text(object.path(accountField), "id");
        }
        if (id == null || account == null) {
            return Optional.empty();
        }
        boolean live = !type.equals("customer.subscription.deleted") && live(JsonPaths.text(object, "status"));
        boolean starts = type.equals("customer.subscription.created") || type.equals("customer.subscription.updated")
                && firstPayment(object, envelope.path("data").path("previous_attributes"));
        String currency = JsonPaths.text(object, "currency");
        return Optional.of(new SubscriptionChange(id, account, starts, live,
                monthly(object.path("items"), object.path("plan"), object.path("quantity"), currency),
                Instant.ofEpochSecond(created.asLong())));
    }

    /**
     * The signals of a subscription event, in the order they are to be stored: the event {@link #beside} the account's
     * other live subscriptions, and before it, when this one starts beside them at an account that is churned in
     * Tenure (a source churned it while another subscription ran to the end of its period), the reactivation that
     * brings it back: a customer who buys again is back, whoever said they had left, and back before its MRR moves.
     * Both at the event's time; the MRR change has an event id of its own ({@code <id>:mrr}), so the intake keeps both,
     * and the event sent again once the account is back is a duplicate. At an account that never left, a start beside
     * live ones is no reactivation and none is sent: it would tell of a return that did not happen (and the revenue
     * metrics, where the account's MRR is 0 at that moment, would count its last MRR as paid again). With no other
     * live subscription, see {@link #alone}.
     *
     * @param stageNow the stage of an account now (empty when not stored), asked only when a start needs it: the
     *                 caller decides and stores in one transaction, and holds the stage until then
     */
    static List<VendorEvent> signals(VendorEvent event, SubscriptionChange change, List<KnownSubscription> others,
                                     Function<String, Optional<Stage>> stageNow) {
        if (others.isEmpty()) {
            return alone(event, change, stageNow);
        }
        VendorEvent paid = beside(event, change, others);
        boolean back = starts(event, change)
                && stageNow.apply(change.accountId()).filter(stage -> !stage.active()).isPresent();
        if (!back) {
            return List.of(paid);
        }
        if (paid.ignored()) {
            return List.of(event); // back, though what it pays now is not known
        }
        return List.of(event, mrrAfter(paid));
    }

    /**
     * The signals of a subscription event at an account with no other live subscription Tenure knows of: the event,
     * and after the start of one with a price at an account churned in Tenure, an MRR change to that price. The
     * reactivation alone says only that the account pays again, which the revenue metrics take as what it paid last
     * (or its ARR / 12); the subscription a churned customer comes back with says what it pays now. At an account that
     * never left, no other live subscription known is no proof there is none (one bought before Stripe's events came
     * to Tenure): its price alone would replace what the account pays, so the MRR is left as it was. A subscription
     * without a price, or a free one, leaves the MRR to the reactivation.
     */
    private static List<VendorEvent> alone(VendorEvent event, SubscriptionChange change,
                                           Function<String, Optional<Stage>> stageNow) {
        if (!starts(event, change) || change.monthly() == null || change.monthly().signum() <= 0
                || stageNow.apply(change.accountId()).filter(stage -> !stage.active()).isEmpty()) {
            return List.of(event);
        }
        ObjectNode record = event.record().deepCopy();
        record.put("event", "MRR_CHANGED").put("amount", change.monthly());
        return List.of(event, mrrAfter(VendorEvent.of(event.label(), record)));
    }

    /** An MRR change stored after the reactivation of the same event: an event id of its own, so the intake keeps both. */
    private static VendorEvent mrrAfter(VendorEvent mrrChange) {
        ObjectNode record = mrrChange.record().deepCopy();
        record.put("eventId", record.path("eventId").asText() + ":mrr");
        return VendorEvent.of(mrrChange.label(), record);
    }

    /**
     * The event beside the account's other live subscriptions. With one of them live, the account's MRR is what the
     * live ones cost a month, this one's price included while it is live: the end of this one is no cancellation, its
     * start no reactivation of an account that never left ({@link #signals} brings back one churned in Tenure), and
     * either, like a price change of this one, is an MRR change to that sum. Ignored, with why, when one of those
     * prices is not known. A resumed one changes nothing: paused, it was counted as live.
     */
    static VendorEvent beside(VendorEvent event, SubscriptionChange change, List<KnownSubscription> others) {
        if (event.ignored() || others.isEmpty()) {
            return event;
        }
        String what = event.record().path("event").asText();
        boolean ends = what.equals("SUBSCRIPTION_CANCELLED");
        boolean starts = starts(event, change);
        if (!ends && !starts && !what.equals("MRR_CHANGED")) {
            return event;
        }
        String kept = others.stream().map(KnownSubscription::subscriptionId).collect(Collectors.joining(", "));
        if (others.stream().anyMatch(o -> o.monthly() == null)) {
            // A sum without them would be a wrong MRR; none is better than a wrong one.
            return VendorEvent.ignored(event.label(), "the account keeps its other subscription(s) " + kept
                    + (ends ? ", so it has not cancelled" : "")
                    + "; what they cost a month is not known, so its MRR is left as it was");
        }
        BigDecimal own = change.live() ? change.monthly() : BigDecimal.ZERO;
        if (own == null) {
            return VendorEvent.ignored(event.label(), "the account keeps its other subscription(s) " + kept
                    + "; what this one costs a month is not known, so its MRR is left as it was");
        }
        BigDecimal monthly = others.stream().map(KnownSubscription::monthly).reduce(own, BigDecimal::add);
        ObjectNode record = event.record().deepCopy();
        record.put("event", "MRR_CHANGED").put("amount", monthly);
        return VendorEvent.of(event.label(), record);
    }

    /** The event of a subscription that starts (created, or its first payment went through) and is taken in. */
    private static boolean starts(VendorEvent event, SubscriptionChange change) {
        return !event.ignored() && event.record().path("event").asText().equals("SUBSCRIPTION_REACTIVATED") && change.starts();
    }

    /** Live: the customer pays or is meant to (a trial, a late or paused payment); a status not sent counts as live. */
    private static boolean live(String status) {
        return status == null || LIVE.contains(status);
    }

    /** An update from a status that is not live (incomplete) to one that is: the first payment went through. */
    private static boolean firstPayment(JsonNode object, JsonNode previous) {
        String before = JsonPaths.text(previous, "status");
        return before != null && !LIVE.contains(before) && live(JsonPaths.text(object, "status"));
    }

    private String account(String label, JsonNode object) {
        String account = JsonPaths.text(object, accountField);
        if (account == null && object.path(accountField).isObject()) {
            account = JsonPaths.text(object.path(accountField), "id"); // an expanded customer object
        }
        if (account == null) {
            throw new RejectedRecordsException(List.of(new RecordError(label, "data.object." + accountField,
                    "missing: the Stripe object names no Tenure account there (tenure.stripe.account-field)")));
        }
        return account;
    }

    private static void invoice(ObjectNode record, JsonNode invoice, String amountField, String currency) {
        JsonNode amount = invoice.get(amountField);
        if (amount != null && amount.isNumber()) {
            BigDecimal minor = decimal(amount);
            if (minor != null) {
                record.put("amount", major(minor, currency));
            } else {
                record.put("amount", amount.asText()); // "Infinity": refused by the record mapping, naming the field
            }
        }
        String invoiceId = JsonPaths.text(invoice, "id");
        if (invoiceId != null) {
            record.put("invoiceId", invoiceId);
        }
    }

    /**
     * The MRR before the change, from what {@code previous_attributes} says changed (items, plan or
     * quantity) over what did not; null when the change touched none of them.
     */
    private static BigDecimal previousMonthly(JsonNode object, JsonNode previous, String currency) {
        if (!previous.isObject()) {
            return null;
        }
        if (previous.has("items")) {
            return monthly(previous.path("items"), null, null, currency);
        }
        if (previous.has("plan") || previous.has("quantity")) {
            JsonNode plan = previous.has("plan") ? previous.path("plan") : object.path("plan");
            JsonNode quantity = previous.has("quantity") ? previous.path("quantity") : object.path("quantity");
            return monthly(null, plan, quantity, currency);
        }
        return null;
    }

    private static BigDecimal monthly(JsonNode items, JsonNode plan, JsonNode quantity, String currency) {
        JsonNode data = items == null ? null : items.path("data");
        if (data != null && data.isArray() && !data.isEmpty()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode item : data) {
                JsonNode price = item.has("price") ? item.path("price") : item.path("plan");
                BigDecimal each = perMonth(price);
                if (each == null) {
                    return null;
                }
                sum = sum.add(each.multiply(BigDecimal.valueOf(item.path("quantity").asLong(1))));
            }
            return major(sum, currency);
        }
        BigDecimal each = plan == null ? null : perMonth(plan);
        if (each == null) {
            return null;
        }
        long count = quantity == null || !quantity.canConvertToLong() ? 1 : quantity.asLong();
        return major(each.multiply(BigDecimal.valueOf(count)), currency);
    }

    /** A price ({@code unit_amount}, {@code recurring.interval}) or a legacy plan ({@code amount}, {@code interval}) per month. */
    private static BigDecimal perMonth(JsonNode price) {
        BigDecimal value = decimal(price.has("unit_amount") ? price.get("unit_amount") : price.get("amount"));
        if (value == null) {
            return null;
        }
        JsonNode recurring = price.has("recurring") ? price.path("recurring") : price;
        String interval = recurring.path("interval").asText("month");
        long count = Math.max(1, recurring.path("interval_count").asLong(1));
        BigDecimal perInterval = switch (interval) {
            case "year" -> value.divide(BigDecimal.valueOf(12), 6, RoundingMode.HALF_UP);
            case "week" -> value.multiply(BigDecimal.valueOf(52)).divide(BigDecimal.valueOf(12), 6, RoundingMode.HALF_UP);
            case "day" -> value.multiply(BigDecimal.valueOf(365)).divide(BigDecimal.valueOf(12), 6, RoundingMode.HALF_UP);
            default -> value;
        };
        return perInterval.divide(BigDecimal.valueOf(count), 6, RoundingMode.HALF_UP);
    }

    /**
     * A JSON number as a decimal, or null: not a number, or a float no double holds (JSON's {@code 1e400} reads as
     * infinity), which has no decimal.
     */
    private static BigDecimal decimal(JsonNode number) {
        if (number == null || !number.isNumber()
                || number.isFloatingPointNumber() && !number.isBigDecimal() && !Double.isFinite(number.doubleValue())) {
            return null;
        }
        return number.decimalValue();
    }

    private static BigDecimal major(BigDecimal minor, String currency) {
        boolean whole = currency != null && ZERO_DECIMAL.contains(currency.toUpperCase(Locale.ROOT));
        return whole ? minor.setScale(0, RoundingMode.HALF_UP) : minor.movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
    }
}
