package dev.tenure.engine.rules;

import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.ContactChange;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.MilestoneType;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.Stage;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the vocabulary's named values a rule writes out, such as {@code Segment.HIGH_TOUCH}. Drools
 * refuses a misspelt one too, but without a line; this check names the line and the values to choose from.
 */
final class VocabularyConstants {

    private static final Map<String, List<String>> VALUES = Arrays.stream(new Class<?>[] {Segment.class, Stage.class,
                    ContactRole.class, ContactChange.class, MilestoneType.class, TicketPriority.class, TicketStatus.class, BillingEvent.class})
            .collect(Collectors.toMap(Class::getSimpleName, VocabularyConstants::constants));
    private static final Pattern USE = Pattern.compile("(?<![\\w$.])(" + String.join("|", VALUES.keySet())
            + ")\\s*\\.\\s*([A-Za-z_$][\\w$]*+)(?!\\s*\\()");

    /** Each unknown value, at its offset in the text. */
    List<Finding> check(String text) {
        String code = DrlText.code(text);
        List<Finding> findings = new ArrayList<>();
        Matcher m = USE.matcher(code);
        while (m.find()) {
            String type = m.group(1);
            String value = m.group(2);
            List<String> known = VALUES.get(type);
            if (!known.contains(value) && !value.equals("class")) {
                findings.add(new Finding(m.start(), type + "." + value + " is not a " + words(type) + ": use "
                        + either(known.stream().map(v -> type + "." + v).toList())));
            }
        }
        return findings;
    }

    private static List<String> constants(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }

    /** ContactRole: "contact role". */
    private static String words(String type) {
        return type.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }

    private static String either(List<String> values) {
        return values.size() == 1 ? values.get(0)
                : String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
    }
}
