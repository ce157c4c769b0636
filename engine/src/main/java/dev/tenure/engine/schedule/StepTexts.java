package dev.tenure.engine.schedule;

import dev.tenure.engine.mail.EmailComposer;
import dev.tenure.engine.plays.StepDefinition;
import dev.tenure.engine.plays.Why;
import dev.tenure.engine.storage.JsonColumns;
import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.Contact;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * What a step's templates and task title see, and a task title filled in with it: the one place for both,
 * so a pending step shown on a page reads as the task it will become.
 */
@Component
public class StepTexts {

    private final EmailComposer composer;
    private final JsonColumns json;

    StepTexts(EmailComposer composer, JsonColumns json) {
        this.composer = composer;
        this.json = json;
    }

    /** Templates and task titles see the account, the contact, the CSM and the facts the rule matched. */
    Map<String, Object> model(Account account, Contact contact, Why why) {
        return TemplateModel.of(json, account, contact, why);
    }

    /**
     * A task step's title as the task will have it, or an email step's template name; empty text when the
     * title does not fill in (the step will fail then and say why, when it comes due).
     */
    public String title(StepDefinition step, Account account, Why why) {
        if (step.title() == null) {
            return step.template() == null ? "" : step.template();
        }
        try {
            return composer.fill(step.title(), model(account, null, why));
        } catch (RuntimeException e) {
            return "";
        }
    }
}
