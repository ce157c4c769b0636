package dev.tenure.engine.guardrails;

import dev.tenure.engine.accounts.ChangeCause;
import dev.tenure.engine.accounts.Contacts;
import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Taking an address off tech-touch email: through an unsubscribe link, or added by CS ops. Either puts
 * the address on the suppression list, which {@link Guardrails} checks before every tech-touch email.
 */
@Component
public class Unsubscribes {

    private static final Logger log = LoggerFactory.getLogger(Unsubscribes.class);
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final UnsubscribeLinks links;
    private final Suppressions suppressions;
    private final Timeline timeline;
    private final Contacts contacts;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public Unsubscribes(UnsubscribeLinks links, Suppressions suppressions, Timeline timeline, Contacts contacts, JdbcClient jdbc,
                        TransactionTemplate transaction) {
        this.links = links;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.timeline = timeline;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Follows a one-click unsubscribe link: suppresses the address for good and marks every contact with it
     * unsubscribed, on each account's timeline. Following it again changes nothing more.
     *
     * @throws InvalidUnsubscribeLinkException when the token was not signed here; nothing changes
     */
    public UnsubscribeLinks.Unsubscriber unsubscribe(String token, Instant now) {
        UnsubscribeLinks.Unsubscriber who = links.verify(token).orElseThrow(InvalidUnsubscribeLinkException::new);
        transaction.executeWithoutResult(tx -> {
            boolean added = suppressions.add(who.address(), "unsubscribed with the link in an email",
                    SuppressionSource.UNSUBSCRIBE_LINK, now);
            // Each contact's change is kept as history and on its account's timeline there.
            Set<String> accounts = new LinkedHashSet<>();
            contacts.unsubscribe(who.address(), now, ChangeCause.unsubscribeLink()).forEach(c -> accounts.add(c.accountId()));
            if (added && !accounts.contains(who.accountId()) && jdbc.sql("SELECT EXISTS (SELECT 1 FROM account WHERE id = ?)")
                    .param(who.accountId()).query(Boolean.class).single()) {
                timeline.record(new TimelineEntry(who.accountId(), now, "contact.unsubscribed",
                        who.address() + " unsubscribed with the link in an email: no tech-touch email goes to this address again",
                        "suppression:" + who.address()));
            }
            if (added) {
                log.info("{} unsubscribed with the link in an email (account {})", who.address(), who.accountId());
            }
        });
        return who;
    }

    /**
     * Adds an address to the suppression list on behalf of CS ops.
     *
     * @throws IllegalArgumentException naming the field when the address or the reason is missing or bad
     */
    public Suppression suppress(String address, String reason, Instant now) {
        RecordBounds.require("field 'address'", RecordBounds.nameProblem(address == null ? null : address.strip()));
        if (address == null || !ADDRESS.matcher(address.strip()).matches()) {
            throw new IllegalArgumentException("field 'address': an email address is needed, was " + quoted(address));
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("field 'reason': say why the address is suppressed");
        }
        RecordBounds.require("field 'reason'", RecordBounds.freeTextProblem(reason.strip()));
        return transaction.execute(tx -> {
            suppressions.add(address, reason.strip(), SuppressionSource.API, now);
            return suppressions.find(address).orElseThrow();
        });
    }

    private static String quoted(String s) {
        return s == null ? "missing" : "'" + RecordBounds.shown(s) + "'";
    }
}
