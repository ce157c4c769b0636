package dev.tenure.api.accountpages;

import dev.tenure.engine.activity.AccountActivity;
import dev.tenure.engine.activity.ActivityKind;
import dev.tenure.engine.rules.Explanation;
import dev.tenure.engine.rules.Explanations;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "why" panels of the account page, from the same explanation the API gives ({@code GET /api/why/...},
 * {@link Explanations}) and the account's signals before the play started ({@link AccountActivity}).
 */
@Component
class WhyPanels {

    /** What every signal fact carries and the panel says already: whose, and where it came from. */
    private static final java.util.Set<String> SAID = java.util.Set.of("accountId", "source", "externalId");
    /** Enough signals to see what the facts were rolled up from, few enough to read. */
    static final int SIGNALS = 10;

    private final Explanations explanations;
    private final AccountActivity activity;

    WhyPanels(Explanations explanations, AccountActivity activity) {
        this.explanations = explanations;
        this.activity = activity;
    }

    /** Why the task, step or play of this kind and id exists; empty if it does not. */
    Optional<WhyPanel> of(String kind, long id) {
        return explanations.explain(kind, id).map(this::panel);
    }

    private WhyPanel panel(Explanation e) {
        if (e.play() == null) {
            return WhyPanel.byHand(e.kind(), e.id());
        }
        Map<String, Object> matched = e.matchedFacts() == null ? Map.of() : e.matchedFacts();
        List<WhyPanel.Fact> facts = new ArrayList<>();
        matched.forEach((name, value) -> {
            if (!"account".equals(name)) {
                facts.add(new WhyPanel.Fact(name, fields(value)));
            }
        });
        return new WhyPanel(e.kind(), e.id(), false, e.play().name(), e.startedAt(), e.rule(),
                e.ruleSet() == null ? null : e.ruleSet().version(),
                e.ruleSet() == null ? null : e.ruleSet().status().name(),
                e.ruleFile() == null ? null : e.ruleFile().path(), e.ruleFile() == null ? null : e.ruleFile().line(),
                facts, activity.signalsBefore(e.account().id(), ActivityKind.behind(matched.keySet()), e.startedAt(), SIGNALS));
    }

    private static List<WhyPanel.Field> fields(Object value) {
        List<WhyPanel.Field> fields = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v != null && !SAID.contains(String.valueOf(k))) {
                    fields.add(new WhyPanel.Field(String.valueOf(k), String.valueOf(v)));
                }
            });
        } else if (value != null) {
            fields.add(new WhyPanel.Field("value", String.valueOf(value)));
        }
        return fields;
    }
}
