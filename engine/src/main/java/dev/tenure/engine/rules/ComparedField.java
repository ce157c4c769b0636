package dev.tenure.engine.rules;

import dev.tenure.engine.vocabulary.Account;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of the vocabulary field a number in DRL is compared with, where the text says so plainly:
 * {@code NpsSignal( accountId == $a.id, score <= 99999999999 )} compares it with an int. Drools makes a number of
 * the type it is compared with, so this tells which of the places writing a number is the one Drools refused.
 * Anything less plain (arithmetic, a method call, a type the rule set declares) is not read: not known.
 */
final class ComparedField {

    /** A field that is the whole left side of a comparison whose whole right side is the number, sign aside. */
    private static final Pattern FIELD_BEFORE = Pattern.compile(
            "(?:[(,:]|&&|\\|\\|)\\s*+([A-Za-z_][\\w$]*+)\\s*+(?:==|!=|<=|>=|<|>)\\s*+[-+]?+\\s*+$");
    private static final Pattern OPERAND_ENDS = Pattern.compile("\\s*+(?:[),]|&&|\\|\\||$)");
    private static final Pattern FACT_TYPE = Pattern.compile("(?<![\\w$])([A-Z][A-Za-z0-9]*+)$");
    private static final String VOCABULARY = Account.class.getPackageName();
    /**
     * How far a comparison and its pattern are looked for around the number: a pattern is a few lines, and a text
     * writing one number a thousand times costs a thousand short reads, not a thousand reads of the whole text.
     */
    private static final int REACH = 2_000;

    /**
     * For the number at [start, end) of {@code code} (comments and strings blanked), the Java type of the field
     * it is compared with, unboxed: {@code int}, {@code double}, {@code BigDecimal}.
     */
    Optional<Class<?>> of(String code, int start, int end) {
        if (!OPERAND_ENDS.matcher(code).region(end, Math.min(code.length(), end + REACH)).lookingAt()) {
            return Optional.empty();
        }
        int from = Math.max(0, start - REACH);
        Matcher field = FIELD_BEFORE.matcher(code.substring(from, start));
        if (!field.find()) {
            return Optional.empty();
        }
        return factType(code, from + field.start(1), from).flatMap(type -> fieldType(type, field.group(1)));
    }

    /**
     * The vocabulary record whose pattern holds {@code at}: the name before the nearest unclosed parenthesis,
     * grouping parentheses aside. Any other name there (eval, a method, a declared type) is not known.
     */
    private static Optional<Class<?>> factType(String code, int at, int limit) {
        int depth = 0;
        for (int i = at - 1; i >= limit; i--) {
            char c = code.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && depth > 0) {
                depth--;
            } else if (c == '(') {
                int name = i;
                while (name > limit && Character.isWhitespace(code.charAt(name - 1))) {
                    name--;
                }
                if (name > limit && Character.isJavaIdentifierPart(code.charAt(name - 1))) {
                    Matcher type = FACT_TYPE.matcher(code).region(Math.max(limit, name - 100), name)
                            .useTransparentBounds(true);
                    return type.find() ? vocabulary(type.group(1)) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Class<?>> vocabulary(String name) {
        try {
            Class<?> type = Class.forName(VOCABULARY + "." + name, false, ComparedField.class.getClassLoader());
            return type.isRecord() ? Optional.of(type) : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** As Drools reads a field: a record component or another accessor, with or without get or is. */
    private static Optional<Class<?>> fieldType(Class<?> fact, String field) {
        String capitalized = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (String accessor : new String[] {field, "get" + capitalized, "is" + capitalized}) {
            try {
                Method m = fact.getMethod(accessor);
                return Optional.of(MethodType.methodType(m.getReturnType()).unwrap().returnType());
            } catch (NoSuchMethodException e) {
                // not this spelling
            }
        }
        return Optional.empty();
    }
}
