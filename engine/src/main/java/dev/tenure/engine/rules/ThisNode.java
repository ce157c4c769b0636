package dev.tenure.engine.rules;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * This node among those sharing the database: its name, and its row in the list of nodes, written when
 * the rule set it runs changes and at every poll, from the moment it joins (its follower started) until it
 * leaves (the follower stopping, which deletes its row).
 */
@Component
public class ThisNode {

    /** A node not seen for a day is gone for good, not merely restarting: the others take its row off the list. */
    static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    private final String id;
    private final ActiveRuleSet active;
    private final RuleSetNodes nodes;
    private final Clock clock;
    private final Instant startedAt;
    private boolean joined;

    ThisNode(RuleSetSyncProperties properties, ActiveRuleSet active, RuleSetNodes nodes, Clock clock) {
        this.id = properties.node();
        this.active = active;
        this.nodes = nodes;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** This node's name in the list of nodes ({@code tenure.rules-sync.node-id}). */
    public String id() {
        return id;
    }

    synchronized void join() {
        joined = true;
    }

    /** Writes what this node runs now and why not the version in force (null if it does); nothing unless joined. */
    synchronized void report(String problem) {
        if (joined) {
            ActiveRuleSet.Running running = active.running();
            Instant now = clock.instant();
            nodes.report(new RuleSetNode(id, running.version(), running.since(), startedAt, now, problem));
            nodes.forget(now.minus(FORGOTTEN_AFTER));
        }
    }

    /** Writes nothing more: the row is deleted on the follower's own connection (see {@link RuleSetNodes#leave}). */
    synchronized void leave() {
        joined = false;
    }
}
