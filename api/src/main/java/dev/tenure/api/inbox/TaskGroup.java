package dev.tenure.api.inbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A group of the inbox under its own heading: the overdue tasks, then the rest by priority. */
record TaskGroup(String key, String heading, List<TaskRow> rows) {

    private static final Map<String, String> HEADINGS = headings();

    /** The rows (most urgent first) in their groups, in the groups' order; empty groups are left out. */
    static List<TaskGroup> of(List<TaskRow> rows) {
        Map<String, List<TaskRow>> byGroup = new LinkedHashMap<>();
        HEADINGS.keySet().forEach(key -> byGroup.put(key, new ArrayList<>()));
        rows.forEach(row -> byGroup.computeIfAbsent(row.group(), key -> new ArrayList<>()).add(row));
        return byGroup.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> new TaskGroup(e.getKey(), HEADINGS.getOrDefault(e.getKey(), e.getKey()), List.copyOf(e.getValue())))
                .toList();
    }

    /** How many tasks the group's rows stand for. */
    public int count() {
        return rows.stream().mapToInt(TaskRow::count).sum();
    }

    private static Map<String, String> headings() {
        Map<String, String> headings = new LinkedHashMap<>();
        headings.put("overdue", "Overdue");
        headings.put("high", "High priority");
        headings.put("normal", "Normal priority");
        headings.put("low", "Low priority");
        return headings;
    }
}
