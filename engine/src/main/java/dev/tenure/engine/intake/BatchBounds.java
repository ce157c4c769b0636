package dev.tenure.engine.intake;

import dev.tenure.engine.accounts.Lifecycle;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounds of {@link RecordBounds} applied to a batch before anything of it is stored: every field of every record,
 * whatever the channel, and a cancellation or reactivation stamped ahead of now.
 */
final class BatchBounds {

    private BatchBounds() {
    }

    /** Every bound the batch's records break at {@code now}, each naming its record and field. */
    static List<RecordError> check(Batch batch, Instant now) {
        List<RecordError> errors = new ArrayList<>();
        for (Labeled<Account> a : batch.accounts()) {
            Account account = a.value();
            Checks c = new Checks(a.label(), Account.class, errors);
            c.text("id", account.id()).text("name", account.name()).text("csm", account.csm()).add("arr", RecordBounds.paidAmountProblem(account.arr()))
                    .text("plan", account.plan()).date("startedOn", account.startedOn()).date("renewalOn", account.renewalOn())
                    .text("timezone", account.timezone());
        }
        for (Labeled<Contact> l : batch.contacts()) {
            Contact contact = l.value();
            Checks c = new Checks(l.label(), Contact.class, errors).text("accountId", contact.accountId())
                    .text("email", contact.email()).text("name", contact.name()).text("timezone", contact.timezone());
            if (l.at() != null) {
                c.instant("changedAt", l.at());
            }
        }
        for (Labeled<Signal> l : batch.signals()) {
            Signal s = l.value();
            Checks c = new Checks(l.label(), s.getClass(), errors).text("source", s.source()).text("eventId", s.externalId())
                    .text("accountId", s.accountId()).instant("occurredAt", s.occurredAt());
            BillingEvent lifecycle = Lifecycle.event(s);
            if (lifecycle != null && RecordBounds.instantProblem(s.occurredAt()) == null) {
                c.add("occurredAt", RecordBounds.notYetProblem(lifecycle, s.occurredAt(), now));
            }
            if (s instanceof UsageSignal u) {
                c.text("feature", u.feature()).range("quantity", u.quantity(), 0, RecordBounds.MAX_QUANTITY)
                        .range("activeUsers", u.activeUsers(), 0, RecordBounds.MAX_ACTIVE_USERS);
            } else if (s instanceof TicketSignal t) {
                c.text("ticketId", t.ticketId()).text("subject", t.subject());
            } else if (s instanceof BillingSignal b) {
                c.add("amount", b.event() == BillingEvent.MRR_CHANGED ? RecordBounds.paidAmountProblem(b.amount()) : RecordBounds.amountProblem(b.amount()))
                        .text("currency", b.currency()).text("invoiceId", b.invoiceId());
            } else if (s instanceof NpsSignal n) {
                c.text("contactEmail", n.contactEmail()).range("score", n.score(), RecordBounds.MIN_NPS, RecordBounds.MAX_NPS).text("comment", n.comment());
            } else if (s instanceof CsatSignal n) {
                c.text("contactEmail", n.contactEmail()).range("score", n.score(), RecordBounds.MIN_CSAT, RecordBounds.MAX_CSAT).text("ticketId", n.ticketId());
            } else if (s instanceof ContactSignal) {
                c.add("kind", "a contact change is not a signal a source sends: send the contact, and its change is recorded");
            }
        }
        return errors;
    }

    /** One record's checks, adding an error per field out of bounds. */
    private record Checks(String label, Class<?> type, List<RecordError> errors) {

        /** The field's bound is the one {@link RecordBounds} gives the record's text field. */
        Checks text(String field, String value) {
            return add(field, RecordBounds.textFieldProblem(type, field, value));
        }

        Checks range(String field, long value, long min, long max) {
            return add(field, RecordBounds.rangeProblem(value, min, max));
        }

        Checks instant(String field, Instant value) {
            return add(field, RecordBounds.instantProblem(value));
        }

        Checks date(String field, LocalDate value) {
            return add(field, RecordBounds.dateProblem(value));
        }

        private Checks add(String field, String problem) {
            if (problem != null) {
                errors.add(new RecordError(label, field, problem));
            }
            return this;
        }
    }
}
