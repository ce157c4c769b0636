package dev.tenure.engine.schedule;

import dev.tenure.engine.plays.Why;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;

import java.util.Collection;
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
        model.put("facts", why == null ? Map.of() : plain(json, why.matchedFacts()));
        return model;
    }

    /**
     * The facts as plain maps, lists and values, the shape of a stored run's facts (a template reads nothing else):
     * those of a rule that just fired are records, and only they are converted (a batch's emails read stored ones).
     */
    private static Map<String, Object> plain(JsonColumns json, Map<String, Object> facts) {
        return facts.values().stream().allMatch(TemplateModel::plain) ? facts : json.asMap(facts);
    }

    private static boolean plain(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Map<?, ?> map && map.values().stream().allMatch(TemplateModel::plain)
                || value instanceof Collection<?> list && list.stream().allMatch(TemplateModel::plain);
    }
}
