package dev.tenure.engine.schedule;

import dev.tenure.engine.plays.Why;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;

import java.util.HashMap;
import java.util.Map;

/**
 * What a template of a play step reads ({@code ${account.name}}, {@code ${contact.firstName}}, {@code ${csm}},
 * {@code ${rule}}, {@code ${facts}}): one shape for the emails and tasks a play writes and for a preview
 * of a template on the pages, so a preview shows what the play would send.
 */
public final class TemplateModel {

    private TemplateModel() {
    }

    /** A mutable model: the caller adds the links a kind of email carries. {@code contact} and {@code why} may be null. */
    public static Map<String, Object> of(JsonColumns json, Account account, Contact contact, Why why) {
        Map<String, Object> model = new HashMap<>();
        model.put("account", json.asMap(account));
        model.put("contact", contact == null ? Map.of() : json.asMap(contact));
        model.put("csm", account.csm());
        // A step shown before its play has a why (a page's pending step) reads no rule and no facts.
        model.put("rule", why == null ? null : why.rule());
        // As plain maps, as a stored run's facts read back: the facts of a rule that just fired are records.
        model.put("facts", why == null ? Map.of() : json.asMap(why.matchedFacts()));
        return model;
    }
}
