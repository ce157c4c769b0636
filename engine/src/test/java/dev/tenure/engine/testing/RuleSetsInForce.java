package dev.tenure.engine.testing;

import dev.tenure.engine.rules.RuleSetNode;
import dev.tenure.engine.rules.RuleSetNodes;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Every Spring context of a test JVM is a node on the one shared database, and follows the rule set in
 * force. A test that changed the rules and put them back waits here until every node runs them again, so
 * the next test, whichever context it runs in, sees the rules it expects.
 */
public final class RuleSetsInForce {

    /**
     * Nodes not seen for this long (four polls) are contexts that failed to start or processes that were
     * killed, not nodes that will follow.
     */
    private static final Duration GONE_AFTER = Duration.ofSeconds(20);

    private RuleSetsInForce() {
    }

    public static void awaitEveryNodeRuns(RuleSetNodes nodes, String version) {
        await().atMost(Duration.ofSeconds(45))
                .until(() -> behind(nodes, version), List::isEmpty);
    }

    private static List<RuleSetNode> behind(RuleSetNodes nodes, String version) {
        return nodes.all().stream()
                .filter(n -> n.lastSeen().isAfter(TestClock.now().minus(GONE_AFTER)))
                .filter(n -> !n.version().equals(version))
                .toList();
    }
}
