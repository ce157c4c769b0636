package dev.tenure.api.accountpages;

import dev.tenure.engine.tasks.Task;

/** An open or snoozed task of the account, with why it exists and where it is in its owner's inbox. */
record AccountTask(Task task, WhyPanel why, String link) {
}
