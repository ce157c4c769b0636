package dev.tenure.engine.tasks;

/**
 * Which of an owner's open tasks the inbox shows: a priority (HIGH, NORMAL, LOW), only overdue ones,
 * accounts whose name or id contains a text, tasks of one play. Null means "any".
 */
public record InboxFilter(String owner, String priority, boolean overdueOnly, String accountSearch, String play,
                          int limit) {

    public InboxFilter {
        priority = blankToNull(priority);
        accountSearch = blankToNull(accountSearch);
        play = blankToNull(play);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
