package dev.tenure.engine.rules;

import java.util.Arrays;

/** Turns an offset in a text into the 1-based line and column people see in their editor. */
final class TextLines {

    private final int[] starts;

    TextLines(String text) {
        int[] found = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = i + 1;
            }
        }
        starts = Arrays.copyOf(found, count);
    }

    int line(int offset) {
        int at = Arrays.binarySearch(starts, offset);
        return (at >= 0 ? at : -at - 2) + 1;
    }

    int column(int offset) {
        return offset - starts[line(offset) - 1] + 1;
    }
}
