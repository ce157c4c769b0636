package dev.tenure.engine.testing;

import dev.tenure.engine.intake.Intake;
import dev.tenure.engine.tasks.Inbox;
import dev.tenure.engine.tasks.Task;
import dev.tenure.engine.tasks.TaskQuery;
import dev.tenure.engine.vocabulary.Segment;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;

/**
 * A CSM's inbox as the inbox tests meet it: tasks a rule made from signals, then given another priority or due
 * time, or made again by the same play ({@link TaskFixtures}), each read back as the inbox shows it.
 */
public final class InboxFixtures {

    private final Intake intake;
    private final Inbox inbox;
    private final TaskFixtures tasks;

    public InboxFixtures(Intake intake, Inbox inbox, JdbcClient jdbc) {
        this.intake = intake;
        this.inbox = inbox;
        this.tasks = new TaskFixtures(jdbc);
    }

    /** A detractor answer at a high-touch account of this CSM puts one high-priority call-back task in their inbox. */
    public Task detractorTask(String csm, String name) {
        return taskOf(TestData.account(name, Segment.HIGH_TOUCH).csm(csm).nps(2, 0));
    }

    /** The account stored with its signals, and the first task its rules made for it. */
    public Task taskOf(TestData account) {
        intake.accept(account.batch());
        TaskQuery query = new TaskQuery(null, account.id(), null, null, 10);
        await().atMost(Duration.ofSeconds(5)).until(() -> !inbox.list(query).isEmpty());
        return inbox.list(query).get(0);
    }

    /** The task as it would be had its play given it this priority and due time. */
    public Task made(Task task, String priority, Instant dueAt) {
        tasks.made(task.id(), priority, dueAt);
        return inbox.get(task.id());
    }

    /** The same play started again for the same account, and its step made the same task once more. */
    public Task duplicateOf(Task task, Instant dueAt) {
        return inbox.get(tasks.duplicateOf(task.id(), dueAt));
    }
}
