package dev.tenure.engine.facts;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * One feature's usage per UTC day, kept in arrays indexed by day, so the windows a trend reads are
 * contiguous runs: a replay of millions of signals reads them at every signal.
 */
final class DailyUsage {

    /** Marks a day without any usage signal (a day whose signals say 0 uses is still a day with data). */
    private static final int NO_DATA = -1;

    private long firstDay;
    private long[] quantity = new long[0];
    private int[] activeUsers = new int[0];

    void add(LocalDate day, long uses, int active) {
        int i = slot(day.toEpochDay());
        quantity[i] += uses;
        activeUsers[i] = Math.max(Math.max(activeUsers[i], 0), active);
    }

    /** True when some day in [from, to] has data. */
    boolean hasDataBetween(long from, long to) {
        for (long d = Math.min(to, lastDay()); d >= Math.max(from, firstDay); d--) {
            if (activeUsers[(int) (d - firstDay)] != NO_DATA) {
                return true;
            }
        }
        return false;
    }

    /** The first day of [from, to] with data, or null. */
    LocalDate firstDataBetween(long from, long to) {
        for (long d = Math.max(from, firstDay); d <= Math.min(to, lastDay()); d++) {
            if (activeUsers[(int) (d - firstDay)] != NO_DATA) {
                return LocalDate.ofEpochDay(d);
            }
        }
        return null;
    }

    /** Uses in the days [from, to). */
    long uses(long from, long to) {
        long sum = 0;
        for (long d = Math.max(from, firstDay); d < Math.min(to, lastDay() + 1); d++) {
            sum += quantity[(int) (d - firstDay)];
        }
        return sum;
    }

    /** The most active users on one day of [from, to). */
    int mostActiveUsers(long from, long to) {
        int most = 0;
        for (long d = Math.max(from, firstDay); d < Math.min(to, lastDay() + 1); d++) {
            most = Math.max(most, activeUsers[(int) (d - firstDay)]);
        }
        return most;
    }

    /** The latest day of [from, to] with at least one use, or null. */
    LocalDate lastUsedBetween(long from, long to) {
        for (long d = Math.min(to, lastDay()); d >= Math.max(from, firstDay); d--) {
            if (quantity[(int) (d - firstDay)] > 0) {
                return LocalDate.ofEpochDay(d);
            }
        }
        return null;
    }

    private long lastDay() {
        return firstDay + quantity.length - 1;
    }

    /** The index of a day, growing the arrays at either end to reach it. */
    private int slot(long day) {
        if (quantity.length == 0) {
            firstDay = day;
            grow(0, 64);
        } else if (day < firstDay) {
            int before = (int) Math.max(firstDay - day, quantity.length);
            grow(before, quantity.length + before);
            firstDay -= before;
        } else if (day > lastDay()) {
            grow(0, (int) Math.max(day - firstDay + 1, 2L * quantity.length));
        }
        return (int) (day - firstDay);
    }

    /** New arrays of {@code length} days with the current ones placed {@code shift} days in. */
    private void grow(int shift, int length) {
        long[] q = new long[length];
        int[] a = new int[length];
        Arrays.fill(a, NO_DATA);
        System.arraycopy(quantity, 0, q, shift, quantity.length);
        System.arraycopy(activeUsers, 0, a, shift, activeUsers.length);
        quantity = q;
        activeUsers = a;
    }
}
