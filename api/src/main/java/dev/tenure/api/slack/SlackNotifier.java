package dev.tenure.api.slack;

import dev.tenure.api.people.People;
import dev.tenure.api.people.Person;
import dev.tenure.api.timezone.PersonTimeZones;
import dev.tenure.engine.EngineProperties;
import dev.tenure.engine.PublicUrl;
import dev.tenure.engine.timeline.Timeline;
import dev.tenure.engine.timeline.TimelineEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts new high-priority tasks to Slack, on a thread of its own: every {@code tenure.slack.poll-every} it queues
 * a post for each open high-priority task created since the last {@code lookback} that a webhook hears of, withdraws
 * those whose task was closed while they waited (a churn closes its account's), then sends the posts that are due.
 * A task is created whatever Slack does (the play's step never waits on a call to Slack); a failed attempt is
 * retried with a doubling wait, and a post given up is on the account's timeline ({@code slack.failed}), in the log
 * and on the notifications page.
 */
@Component
@EnableConfigurationProperties(SlackProperties.class)
class SlackNotifier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);
    private static final int BATCH = 20;

    private final SlackProperties settings;
    private final SlackPosts posts;
    private final SlackClient slack;
    private final People people;
    private final PersonTimeZones timeZones;
    private final Timeline timeline;
    private final PublicUrl links;
    private final Clock clock;
    private ScheduledExecutorService executor;

    SlackNotifier(SlackProperties settings, SlackPosts posts, SlackClient slack, People people, PersonTimeZones timeZones,
                  Timeline timeline, EngineProperties engine, Clock clock) {
        this.settings = settings;
        this.posts = posts;
        this.slack = slack;
        this.people = people;
        this.timeZones = timeZones;
        this.timeline = timeline;
        this.links = engine.links();
        this.clock = clock;
    }

    /** One round: queue what is new, send what is due. Returns how many posts were attempted. */
    int postDue() {
        Instant now = clock.instant();
        posts.queueNewTasks(now.minus(settings.lookback()), now);
        int withdrawn = posts.withdrawClosed();
        if (withdrawn > 0) {
            log.info("{} Slack post(s) withdrawn: their tasks were closed before they went out", withdrawn);
        }
        // Long enough for the call to end before another node may claim the post again.
        Instant leaseEnd = now.plus(settings.timeout().multipliedBy(3));
        var claimed = posts.claimDue(now, leaseEnd, BATCH);
        for (SlackPosts.Claimed post : claimed) {
            send(post);
        }
        return claimed.size();
    }

    private void send(SlackPosts.Claimed post) {
        String owner = people.find(post.owner()).map(Person::displayName).orElse(post.owner());
        String text = SlackMessage.text(owner, post.accountName(), post.title(), timeZones.timesOf(post.owner()).due(post.dueAt()),
                links.task(post.taskId()));
        SlackClient.Result result = slack.post(post.url(), text);
        Instant now = clock.instant();
        if (result.ok()) {
            posts.sent(post.id(), now);
            timeline.record(new TimelineEntry(post.accountId(), now, "slack.posted",
                    "Task posted to Slack (" + post.channel() + "): " + post.title(), "task:" + post.taskId()));
            log.info("Task {} posted to Slack ({})", post.taskId(), post.channel());
        } else if (result.worthRetrying() && post.attempt() < settings.maxAttempts()) {
            Duration wait = result.retryAfter() != null ? result.retryAfter() : settings.waitAfter(post.attempt());
            posts.retry(post.id(), result.problem(), now.plus(wait));
            log.warn("Task {} not posted to Slack ({}), attempt {} of {}: {}; next attempt in {}", post.taskId(),
                    post.channel(), post.attempt(), settings.maxAttempts(), result.problem(), wait);
        } else {
            posts.failed(post.id(), result.problem());
            String summary = "Task not posted to Slack (" + post.channel() + ") after " + post.attempt()
                    + (post.attempt() == 1 ? " attempt: " : " attempts: ") + result.problem();
            timeline.record(new TimelineEntry(post.accountId(), now, "slack.failed", summary, "task:" + post.taskId()));
            log.warn("Task {}: {}", post.taskId(), summary);
        }
    }

    private void round() {
        try {
            postDue();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next round tries afresh.
            log.error("Posting tasks to Slack failed this round; trying again in {}", settings.pollEvery(), e);
        }
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "slack-notifier");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.pollEvery().toMillis();
        executor.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
