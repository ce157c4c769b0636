package dev.tenure.engine.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * Bad values, as careless integrators, broken exports and attackers send them, as jqwik arbitraries: text
 * with control characters and lone UTF-16 surrogates, text too long to store (201 characters to a
 * megabyte), numbers no column holds or JSON does not allow, impossible dates, times without a zone,
 * values of the wrong JSON type, and the near misses of emails and enums. Values come in two forms: the
 * text a CSV cell or a JSON string holds, and a raw JSON fragment ({@link #jsonNumber()},
 * {@link #jsonWrongType()}), which may not even be valid JSON.
 * <p>
 * Nothing here is random by itself: {@link SeededDraws} draws from these with a seed, and jqwik's own
 * properties draw with theirs.
 */
public final class Poison {

    /** A megabyte: larger than anything a source should send in one field, small enough to send often. */
    public static final int MEGABYTE = 1 << 20;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Poison() {
    }

    /** Text with a control character somewhere: NUL, escape, DEL, C1 controls, and the line breaks free text allows. */
    public static Arbitrary<String> controlText() {
        Arbitrary<Character> control = Arbitraries.of('\u0000', '\u0001', '\u0007', '\b', '\u000b', '\f', '\u001b', '\u001f',
                '\u007f', '\u0080', '\u0085', '\u009f', '\n', '\r', '\t');
        return Arbitraries.strings().alpha().numeric().ofMaxLength(12).tuple2().flatMap(around -> control.list().ofMinSize(1)
                .ofMaxSize(3).map(cs -> around.get1() + join(cs) + around.get2()));
    }

    /** Text with a UTF-16 surrogate that has no partner (PostgreSQL cannot store it; UTF-8 cannot encode it). */
    public static Arbitrary<String> loneSurrogates() {
        return Arbitraries.of("\ud800", "a\udc00b", "end\ud83d", "\ude00\ud83d reversed", "\udbff\udbff", "x\udfff");
    }

    /** Text longer than any id (200), name (320) or free text (10,000) may be, up to a megabyte. */
    public static Arbitrary<String> longText() {
        Arbitrary<Integer> length = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(201, 321)),
                Tuple.of(2, Arbitraries.integers().between(202, 5_000)), Tuple.of(2, Arbitraries.of(10_001)),
                Tuple.of(1, Arbitraries.of(65_536, MEGABYTE)));
        Arbitrary<String> unit = Arbitraries.of("x", "é", "\ud83d\ude00", "ab ");
        // Cut at exactly n characters: an emoji cut in half leaves a lone surrogate, one more poison.
        return length.flatMap(n -> unit.map(u -> u.repeat(n / u.length() + 1).substring(0, n)));
    }

    /** Blank in its many forms: nothing, spaces, tabs, and spaces trim() does not remove. */
    public static Arbitrary<String> blankText() {
        return Arbitraries.of("", " ", "   ", "\t", "\u00a0", "\u2028", "\u200b", "\ufeff", "\u3000");
    }

    /** Text a naive program chokes on: quotes, SQL and JSON look-alikes, paths, format strings, odd scripts. */
    public static Arbitrary<String> trickyText() {
        return Arbitraries.of("'; DROP TABLE account; --", "\"quoted\"", "a,b", "{\"a\": 1}", "[1, 2]", "null", "true", "NULL",
                "../../etc/passwd", "%s%n%x", "${jndi:ldap://127.0.0.1/a}", "<script>alert(1)</script>", "\\", "\\u0000",
                "İstanbul", "ǅ", "\ud83d\ude00", "e\u0301", "\u202eevil", "\ud835\udc00", "%00", "\\N");
    }

    /** Any text at all, as jqwik makes it: every character, surrogates included. */
    public static Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(40);
    }

    /** The text poisons together. */
    public static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(Tuple.of(3, controlText()), Tuple.of(2, loneSurrogates()), Tuple.of(2, longText()),
                Tuple.of(2, blankText()), Tuple.of(2, trickyText()), Tuple.of(2, anyText()));
    }

    /** Numbers as a CSV cell or a JSON string holds them: too large, too small, too long, not numbers at all. */
    public static Arbitrary<String> numberText() {
        return Arbitraries.frequencyOf(
                // at and just past the edges of what the engine keeps (money, counts, scores)
                Tuple.of(3, Arbitraries.of("1000000000000", "999999999999.995", "999999999999.99", "-1000000000000",
                        "-1000000000000.000001", "0.0000001", "1000000001", "1000000000", "10000001", "-1", "11", "0", "6")),
                Tuple.of(4, Arbitraries.of("1e100000", "-1e-100000", "1000000000000000000000000000000", "NaN", "Infinity",
                        "-Infinity", "0x10", "1_000", "1,5", "1e2147483648", "1e-2147483647", "0E+100000", "0e-2147483647",
                        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "-0", "1.5", " 12 ", "12abc",
                        "+7", ".5", "5.", "١٢", "１２", "1e3", "2E+1", "0.1e1", "1e-1")),
                Tuple.of(1, Arbitraries.of(41, 1_000, MEGABYTE).map("9"::repeat)));
    }

    /** Numbers as raw JSON: some valid JSON no column holds, some not JSON at all (NaN, 0x10, 1_000, a megabyte of digits). */
    public static Arbitrary<String> jsonNumber() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("1e100000", "-1e-100000", "1000000000000000000000000000000", "1e308", "-0",
                        "4.9e-325", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890.5",
                        "1.0", "-1", "0", "3", "11", "1000000001", "1E400", "0.000000001")),
                Tuple.of(2, Arbitraries.of("NaN", "Infinity", "-Infinity", "0x10", "1_000", "+1", ".5", "01", "1.", "1e")),
                Tuple.of(1, Arbitraries.of(1_001, MEGABYTE).map("7"::repeat)));
    }

    /** Moments a clock or a typo makes: far years, no zone, impossible days, epochs, other calendars' notation. */
    public static Arbitrary<String> timeText() {
        return Arbitraries.of("+102026-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2026-02-30T10:00:00Z",
                "2026-11-01T10:00:00", "2026-11-01T25:00:00Z", "2026-13-01", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z",
                "2099-12-31T23:59:59.999999999Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                "2026-11-01T10:00:00+18:00", "2026-11-01T10:00:00+19:00", "2026-11-01T10:00:00Z[Europe/Paris]", "1700000000",
                "2026-W48-1", "0000-00-00", "2026-11-01T10:00:00.1234567891Z", "+102026-01-01", "0000-01-01", "-0001-01-01",
                "2026/11/01", "today", "2026-02-30", "2026-11-01 10:00:00Z", "2026-11-01T10:00Z", "T10:00:00Z");
    }

    /** Contract dates the same way. */
    public static Arbitrary<String> dateText() {
        return Arbitraries.of("+102026-01-01", "0000-01-01", "-0001-01-01", "2026-02-30", "2026-13-01", "1969-12-31", "2200-01-01",
                "+999999999-12-31", "2026-11-01T10:00:00Z", "20261101", "2026-1-1", "01/11/2026", "2026-02-29", "2028-02-29");
    }

    /** Near misses of the enums: unknown values, other spellings, case and spacing the mapping forgives or not. */
    public static Arbitrary<String> enumText() {
        return Arbitraries.of("P7", "p1", "P0", "urgent", "HIGH TOUCH", "high-touch", "VIP", "NONE", "CHAMPION ", "champion\u0000",
                "İNVOICE_PAID", "SUBSCRIPTION_CANCELED", "invoice paid", "OPEN ", "Solved", "ON_HOLD", "USER,ADMIN",
                "HIGH_TOUCH_", "ONBOARDING\nADOPTION", "ADMİN", "1",
                // the vendors' words, near and far: Segment's call types, Stripe's and Zendesk's events and ratings
                "TRACK", "page", "alias", "batch", "track ", "identify\u0000", "invoice.paid ", "customer.created",
                "invoice.payment_failed.v2", "ticket.deleted", "satisfaction.rated", "good, I'm satisfied", "offered", "Bad");
    }

    /** Email addresses that are not, and ones that are but are too long or not ASCII. */
    public static Arbitrary<String> emailText() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("no-at-sign", "@", "a@", "@b.example", "a@b@c", "a @b", "a\u0000@b.example",
                        "ünïcödé@例え.jp", "\"quoted\"@b.example", "a@b.example\n", "mailto:a@b.example", "a@\ud800.example")),
                Tuple.of(1, longText().map(local -> local + "@long.example")));
    }

    /** Time zones that are not, or are odd: ZoneId accepts more than the IANA names. */
    public static Arbitrary<String> zoneText() {
        return Arbitraries.of("Mars/Olympus", "+25:00", "UTC+1", "Europe/Paris\u0000", "../../etc/localtime", "GMT0", "Z",
                "SystemV/PST8", "europe/paris", "Etc/GMT+14", "UT+18:00", "EST5EDT", "-18:00");
    }

    /** Currency codes that are not. */
    public static Arbitrary<String> currencyText() {
        return Arbitraries.of("XXX", "usd", "US$", "EURO", "€", "EU", "E\u0000R", "XTS", "ZWL", "BTC");
    }

    /** Truth values a spreadsheet or another language writes. */
    public static Arbitrary<String> booleanText() {
        return Arbitraries.of("yes", "1", "0", "TRUE", "False", "t", "on", "nope");
    }

    /** Raw JSON of the wrong type where text or a number is expected, nesting deep enough to hurt a recursive reader. */
    public static Arbitrary<String> jsonWrongType() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("[]", "[\"a\"]", "{}", "{\"a\": \"b\"}", "true", "false", "null", "[null]",
                        "{\"$gt\": \"\"}", "[1, 2, 3]", "{\"value\": 1e100000}")),
                Tuple.of(1, Arbitraries.of(10, 999, 1_001, 5_000).map(Poison::nested)));
    }

    /** {@code depth} arrays inside each other: Jackson refuses more than 1,000 levels. */
    public static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /**
     * Text as a JSON string literal, every character outside printable ASCII written as a backslash-u escape: a lone
     * surrogate survives the trip (UTF-8 cannot carry it), and control characters arrive as the escapes JSON requires.
     */
    public static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String join(List<Character> characters) {
        StringBuilder out = new StringBuilder(characters.size());
        characters.forEach(out::append);
        return out.toString();
    }
}
