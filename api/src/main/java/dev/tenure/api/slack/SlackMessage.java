package dev.tenure.api.slack;

/**
 * The text of a task's post, in Slack's mrkdwn: who it is for, the account, the title, when it is due and a link
 * to the task on the inbox page. Task titles come from rule authors' templates and account names from sources,
 * so Slack's three control characters are escaped: a title cannot make a link or ping a channel.
 */
final class SlackMessage {

    private SlackMessage() {
    }

    static String text(String ownerName, String accountName, String title, String due, String taskLink) {
        return ":rotating_light: *High-priority task* for " + escape(ownerName) + " at *" + escape(accountName) + "*\n"
                + escape(title) + "\n"
                + "Due " + escape(due) + " · <" + taskLink.replace(">", "%3E").replace("|", "%7C") + "|Open the task in Tenure>";
    }

    /** Slack's escaping: &amp;, &lt; and &gt;, nothing else. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
