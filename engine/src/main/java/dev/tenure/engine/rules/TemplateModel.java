package dev.tenure.engine.rules;

import dev.tenure.engine.vocabulary.Account;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.BillingStatus;
import dev.tenure.engine.vocabulary.Churned;
import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactSignal;
import dev.tenure.engine.vocabulary.CsatAnswers;
import dev.tenure.engine.vocabulary.HealthScore;
import dev.tenure.engine.vocabulary.Milestone;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.PlayRun;
import dev.tenure.engine.vocabulary.Occurrence;
import dev.tenure.engine.vocabulary.Qbr;
import dev.tenure.engine.vocabulary.Renewal;
import dev.tenure.engine.vocabulary.TicketLoad;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.Today;
import dev.tenure.engine.vocabulary.UsageSignal;
import dev.tenure.engine.vocabulary.UsageTrend;

import java.beans.Introspector;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an email template or a task's title and details can read, as names and fields. It mirrors the
 * model {@code schedule.StepActions} renders with: {@code account} and {@code contact} (the fields of
 * the vocabulary's records), {@code csm} and {@code rule} (text) and {@code facts}, the facts the rule
 * matched, each under its type's name in lower camel case ({@code usageTrend}; a second one of the same
 * type is {@code usageTrend2}), {@code unsubscribeUrl}, a tech-touch email's one-click unsubscribe link
 * (empty in an email to the CSM), and {@code accountUrl}, the account's page in Tenure (in an email to the
 * CSM; empty in one to a customer contact, who cannot open it). A task has no contact and neither link.
 */
final class TemplateModel {

    /** What a name stands for. */
    sealed interface Shape permits Value, Fields, Facts, Absent {
    }

    /** A plain value: text, a number, a date. It has no fields. */
    record Value(String kind) implements Shape {
    }

    /** A record: its fields by name. */
    record Fields(String name, Map<String, Shape> fields) implements Shape {
    }

    /** The matched facts, by fact type name. */
    record Facts(Map<String, Fields> byName) implements Shape {
    }

    /** A name that is there but always empty where it is used, and why. */
    record Absent(String why) implements Shape {
    }

    private static final Class<?>[] FACT_TYPES = {Account.class, Contact.class, Today.class, UsageTrend.class,
            TicketLoad.class, BillingStatus.class, CsatAnswers.class, HealthScore.class, Renewal.class, Qbr.class,
            Churned.class, Occurrence.class, Milestone.class, PlayRun.class, UsageSignal.class, TicketSignal.class, BillingSignal.class, NpsSignal.class,
            ContactSignal.class};

    private final String audience;
    private final Map<String, Shape> roots;

    private TemplateModel(String audience, Map<String, Shape> roots) {
        this.audience = audience;
        this.roots = roots;
    }

    /** The facts a cadence play's run carries: no rule matched anything, the account reached an occurrence. */
    private static final Class<?>[] CADENCE_FACT_TYPES = {Account.class, Occurrence.class};

    /** An email template's model. */
    static TemplateModel email() {
        return new TemplateModel("templates", roots(fields(Contact.class), new Value("text"), new Value("text"), FACT_TYPES));
    }

    /** An email template used by a play with a cadence: its facts are the account and the occurrence only. */
    static TemplateModel cadenceEmail() {
        return new TemplateModel("templates of plays with a cadence",
                roots(fields(Contact.class), new Value("text"), new Value("text"), CADENCE_FACT_TYPES));
    }

    /** A cadence play's task title and details: no contact, and only the account and occurrence as facts. */
    static TemplateModel cadenceTask() {
        return new TemplateModel("task titles and details of plays with a cadence", taskRoots(CADENCE_FACT_TYPES));
    }

    /** A task's title and details: the same, without a contact. */
    static TemplateModel task() {
        return new TemplateModel("task titles and details", taskRoots(FACT_TYPES));
    }

    private static Map<String, Shape> taskRoots(Class<?>[] factTypes) {
        return roots(new Absent("a task has no contact, so 'contact' is always empty in a task's title and details"),
                new Absent("a task is not an email, so 'unsubscribeUrl' is always empty in a task's title and details"),
                new Absent("a task is shown in Tenure beside its account's link, so 'accountUrl' is always empty in a task's title and details"),
                factTypes);
    }

    private static Map<String, Shape> roots(Shape contact, Shape unsubscribeUrl, Shape accountUrl, Class<?>[] factTypes) {
        Map<String, Shape> roots = new LinkedHashMap<>();
        roots.put("account", fields(Account.class));
        roots.put("contact", contact);
        roots.put("csm", new Value("text"));
        roots.put("rule", new Value("text"));
        roots.put("facts", new Facts(Arrays.stream(factTypes).collect(Collectors.toMap(
                t -> Introspector.decapitalize(t.getSimpleName()), TemplateModel::fields, (a, b) -> a, LinkedHashMap::new))));
        roots.put("unsubscribeUrl", unsubscribeUrl);
        roots.put("accountUrl", accountUrl);
        return roots;
    }

    /** Who sees this model, for messages: "templates", "task titles and details". */
    String audience() {
        return audience;
    }

    Map<String, Shape> roots() {
        return roots;
    }

    private static Fields fields(Class<?> record) {
        Map<String, Shape> fields = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            fields.put(c.getName(), shape(c.getGenericType()));
        }
        return new Fields(Introspector.decapitalize(record.getSimpleName()), fields);
    }

    /** Values reach templates as JSON would carry them: records as fields, the rest as plain values. */
    private static Shape shape(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isRecord()) {
            return fields(raw);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return new Value("a list");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return new Value("true or false");
        }
        if (raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == BigDecimal.class) {
            return new Value("a number");
        }
        if (raw == LocalDate.class || raw == Instant.class) {
            return new Value("a date");
        }
        return new Value("text");
    }
}
