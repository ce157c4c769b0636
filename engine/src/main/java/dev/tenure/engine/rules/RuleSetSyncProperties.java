package dev.tenure.engine.rules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

/**
 * How a node follows the rule set in force ({@code tenure.rules-sync.*}).
 *
 * @param nodeId       this node's name in the list of nodes and the versions they run; blank (the default)
 *                     for the host name and process id ({@code host-1234}), or a random name where the
 *                     host has none. Give each node of a cluster a name of its own when they share a host
 * @param pollInterval how often the node reads the version in force even when no notification came (a
 *                     notification lost with a dropped connection is caught by then), and writes that it is
 *                     still alive; from 100ms to 10m
 */
@Validated
@ConfigurationProperties("tenure.rules-sync")
public record RuleSetSyncProperties(@DefaultValue("") String nodeId,
                                    @DefaultValue("5s") Duration pollInterval) {

    static final int NODE_ID_MAX = 200;

    public RuleSetSyncProperties {
        nodeId = nodeId == null ? "" : nodeId.strip();
        if (nodeId.length() > NODE_ID_MAX) {
            throw new IllegalArgumentException("tenure.rules-sync.node-id must be at most " + NODE_ID_MAX
                    + " characters, was " + nodeId.length());
        }
        if (pollInterval == null || pollInterval.compareTo(Duration.ofMillis(100)) < 0
                || pollInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("tenure.rules-sync.poll-interval must be from 100ms to 10m, was " + pollInterval);
        }
    }

    /** The node's name: the one configured, or host and process id. */
    String node() {
        if (!nodeId.isEmpty()) {
            return nodeId;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "node-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
