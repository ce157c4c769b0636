package dev.tenure.engine.rules;

/**
 * DRL text with its comments and the insides of its string literals blanked out, so checks read only
 * code. Blanking keeps every other character where it was, so offsets, lines and columns still match
 * the file.
 */
final class DrlText {

    private DrlText() {
    }

    /**
     * The code of a DRL text. The lexing follows Java's and DRL's common rules: {@code //} and
     * {@code /* *}{@code /} comments, {@code "..."} and {@code '...'} literals with backslash escapes.
     * A text whose lexing could differ from the compiler's (unicode escapes) is refused by
     * {@link DrlSandbox} before this matters.
     */
    static String code(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                i = blank(out, text, i, text.indexOf('\n', i) < 0 ? n : text.indexOf('\n', i));
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = blank(out, text, i, end < 0 ? n : end + 2);
            } else if (c == '"' || c == '\'') {
                int close = closingQuote(text, i);
                blank(out, text, i + 1, close);
                i = close + 1;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Where the literal opened at {@code start} closes. One that never closes on its line ends there:
     * reading the rest as code can only find more to check, never hide it.
     */
    private static int closingQuote(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote || c == '\n') {
                return i;
            }
            i += c == '\\' && i + 1 < text.length() && text.charAt(i + 1) != '\n' ? 2 : 1;
        }
        return text.length();
    }

    private static int blank(StringBuilder out, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '\n') {
                out.setCharAt(i, ' ');
            }
        }
        return to;
    }
}
