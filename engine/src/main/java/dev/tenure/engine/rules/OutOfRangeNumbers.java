package dev.tenure.engine.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers Drools cannot hold, told at their line. Drools refuses such a number, but without a line: it crashes on
 * some ({@code score <= 1e999999999B} on an int), writes others into its Java as {@code Infinity} or as a literal
 * out of range, and tells that at no line, often of another file of the package. The refusal stays Drools': only
 * a refusal without a line is looked into, and it is told at the number it is about, plainly. A number Drools
 * compiles is never refused here, however it is written ({@code 1e-999999999B} compared with a decimal is 0), nor
 * blamed where it compiles: written in several places, it is told where Drools made it the type it names (see
 * {@link ComparedField}), else at every place it may be.
 */
final class OutOfRangeNumbers {

    /**
     * A number as DRL writes it, sign aside. Possessive, and never started inside a word or another number, so a
     * hostile run of digits is read once.
     */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])(?:0[xX][0-9a-fA-F]++[lLI]?+"
            + "|(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d++)?+[fFdDbBlLI]?+)(?![\\w$])");
    /** The messages that quote the number they fail on: the Java compiler's, and a crash of Drools parsing it. */
    private static final Pattern QUOTED = Pattern.compile(
            "The literal (\\S+) of type (\\w+) is out of range|For input string: \"([^\"]*)\"");
    /** A number beyond a double is written into Drools' Java as Infinity, which the compiler then cannot resolve. */
    private static final Pattern INFINITY = Pattern.compile("\\bInfinity\\b");
    private static final BigInteger LONG_RANGE = BigInteger.TWO.pow(63);
    private static final String DOUBLE_RANGE = "a number in a rule must fit a double (up to about 1.8e308)";

    private final ComparedField compared = new ComparedField();

    /**
     * Drools' refusal, with its problems without a line told at the numbers they are about. Once such a number
     * is found, Drools' other problems without a line are left out: they are its confusion about the number, told
     * at no line and often in another file; the rule set is refused all the same, and anything else shows again
     * once the number is fixed.
     */
    List<RuleProblem> locate(List<RuleProblem> refused, List<DrlSource> sources) {
        Map<DrlSource, List<Number>> numbers = new HashMap<>();
        Map<String, RuleProblem> found = new LinkedHashMap<>();
        for (RuleProblem p : refused) {
            if (p.line() <= 0) {
                for (RuleProblem at : about(p, sources, numbers)) {
                    found.putIfAbsent(at.file() + ":" + at.line() + ":" + at.column(), at);
                }
            }
        }
        if (found.isEmpty()) {
            return refused;
        }
        List<RuleProblem> told = new ArrayList<>();
        for (RuleProblem p : refused) {
            if (p.line() > 0) {
                told.add(p);
            } else if (!found.isEmpty()) {
                told.addAll(found.values());
                found.clear();
            }
        }
        return told;
    }

    /** The numbers one problem without a line is about: the one it quotes, else those no number type can hold. */
    private List<RuleProblem> about(RuleProblem problem, List<DrlSource> sources, Map<DrlSource, List<Number>> numbers) {
        DrlSource own = sources.stream().filter(s -> s.file().path().equals(problem.file())).findFirst().orElse(null);
        List<DrlSource> ownFirst = new ArrayList<>(sources);
        if (own != null) {
            ownFirst.remove(own);
            ownFirst.add(0, own);
        }
        Matcher quoted = QUOTED.matcher(problem.message());
        if (quoted.find()) {
            List<RuleProblem> at = quoted(quoted, sources, numbers);
            if (!at.isEmpty()) {
                return at;
            }
        }
        // Drools tells these in the first file of the package, which need not be the one with the number.
        boolean anyFile = own == null || quoted.find(0) || INFINITY.matcher(problem.message()).find();
        List<RuleProblem> beyond = new ArrayList<>();
        for (DrlSource source : ownFirst) {
            if (source == own || anyFile) {
                numbers.computeIfAbsent(source, OutOfRangeNumbers::in).stream().filter(Number::beyondEveryType)
                        .forEach(n -> beyond.add(source.problem(new Finding(n.offset(), n.outOfRange(null, true)))));
            }
            if (source == own && !beyond.isEmpty()) {
                break;
            }
        }
        return beyond;
    }

    /**
     * The places a message quoting a number is about, among all that write it. Drools makes a number of the type
     * it is compared with, so when it names that type, a place plainly comparing the number with a field of that
     * type is surely one it refused (every such place is told), and one comparing it with another type is not.
     * Failing that, the places whose comparison cannot be read are told together, never one picked among them.
     */
    private List<RuleProblem> quoted(Matcher quoted, List<DrlSource> sources, Map<DrlSource, List<Number>> numbers) {
        String written = quoted.group(1) != null ? quoted.group(1) : quoted.group(3);
        String type = quoted.group(2);
        // A crash converting a number is about one whose type letter asks for the conversion: 5.5B, not 5.5.
        boolean converting = quoted.group(3) != null;
        List<Place> places = new ArrayList<>();
        for (boolean typedOnly : converting ? new boolean[] {true, false} : new boolean[] {false}) {
            for (DrlSource source : sources) {
                String code = null;
                for (Number n : numbers.computeIfAbsent(source, OutOfRangeNumbers::in)) {
                    if (n.writes(written) && (n.typed() || !typedOnly)) {
                        if (code == null && type != null) {
                            code = DrlText.code(source.text());
                        }
                        places.add(new Place(source, n, type == null ? Optional.empty()
                                : compared.of(code, n.offset(), n.end()).map(Class::getSimpleName)));
                    }
                }
            }
            if (!places.isEmpty()) {
                break;
            }
        }
        List<Place> sure = places.stream().filter(p -> p.number().beyondEveryType()
                || p.comparedWith().filter(t -> t.equals(type)).isPresent()).toList();
        if (!sure.isEmpty()) {
            return sure.stream().map(p -> p.problem(type)).toList();
        }
        List<Place> unread = places.stream().filter(p -> p.comparedWith().isEmpty()).toList();
        List<Place> candidates = unread.isEmpty() ? places : unread;
        List<RuleProblem> told = candidates.stream().map(p -> p.problem(type)).toList();
        List<String> where = told.stream().map(OutOfRangeNumbers::place).distinct().toList();
        if (where.size() <= 1) {
            return told.stream().limit(1).toList();
        }
        RuleProblem first = told.get(0);
        return List.of(new RuleProblem(first.file(), first.line(), first.column(),
                candidates.get(0).number().outOfRange(type, false) + ", at one of these: " + String.join(", ", where)));
    }

    /** file:line:column, as a problem is told; a decision table's row has no column. */
    private static String place(RuleProblem problem) {
        return problem.file() + ":" + problem.line() + (problem.column() > 0 ? ":" + problem.column() : "");
    }

    /** A number where a DRL text writes it; {@code comparedWith}: the type of the field it is plainly compared with. */
    private record Place(DrlSource source, Number number, Optional<String> comparedWith) {

        RuleProblem problem(String type) {
            return source.problem(new Finding(number.offset(), number.outOfRange(type, true)));
        }
    }

    /** The numbers of a DRL text's code, not of its comments or strings. */
    private static List<Number> in(DrlSource source) {
        List<Number> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(DrlText.code(source.text()));
        while (m.find()) {
            numbers.add(new Number(m.start(), m.group()));
        }
        return numbers;
    }

    /** A number as written, at its offset in the DRL text. */
    private record Number(int offset, String text) {

        boolean hex() {
            return text.length() > 1 && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
        }

        /** The digits, exponent and point, without the type letter. */
        String value() {
            String letters = hex() ? "lLI" : "fFdDbBlLI";
            return letters.indexOf(text.charAt(text.length() - 1)) >= 0 ? text.substring(0, text.length() - 1) : text;
        }

        boolean typed() {
            return !value().equals(text);
        }

        boolean isLong() {
            return !hex() && (text.endsWith("L") || text.endsWith("l")) && value().chars().allMatch(Character::isDigit);
        }

        /**
         * True for a number no type of a rule can hold: more than 64 bits in hex, an L beyond a long, anything else
         * beyond a double. Never computed with BigDecimal: 1e999999999B would take minutes to expand.
         */
        boolean beyondEveryType() {
            if (hex()) {
                return significant(value().substring(2)).length() > 16;
            }
            if (isLong()) {
                String digits = significant(value());
                return digits.length() > 19 || new BigInteger(digits).compareTo(LONG_RANGE) > 0;
            }
            return Double.isInfinite(Double.parseDouble(value()));
        }

        /** Whether Drools' {@code quoted} text is this number, which Drools may quote without or with another type letter. */
        boolean writes(String quoted) {
            Number other = new Number(0, quoted.replaceFirst("^[-+]", ""));
            return !other.text().isEmpty() && other.value().equalsIgnoreCase(value()) && other.hex() == hex();
        }

        int end() {
            return offset + text.length();
        }

        /**
         * Why it is refused; {@code type}: the Java type Drools made of it, if it said; {@code here}: told at its
         * place, not at one of several.
         */
        String outOfRange(String type, boolean here) {
            String at = here ? " here" : "";
            String why;
            if (beyondEveryType()) {
                why = hex() ? "it needs more than 64 bits" : isLong() ? "a long (L) goes up to 9223372036854775807" : DOUBLE_RANGE;
            } else if ("int".equals(type)) {
                why = "it is used as an int" + at + ", which goes up to 2147483647";
            } else if ("long".equals(type)) {
                why = "it is used as a long" + at + ", which goes up to 9223372036854775807";
            } else if (type != null) {
                why = "it does not fit the " + type.toLowerCase(Locale.ROOT) + " it is used as" + at;
            } else {
                why = "Drools could not read it as the number it is compared with";
            }
            return text + " is a number out of range: " + why;
        }

        private static String significant(String digits) {
            int i = 0;
            while (i < digits.length() - 1 && digits.charAt(i) == '0') {
                i++;
            }
            return digits.substring(i);
        }
    }
}
