package dev.tenure.connectors.segment;

import java.time.Instant;

/**
 * One call of Segment's tracking API, read and checked; what it means for an account is decided later,
 * once the batch's group calls are known.
 *
 * @param groupId for a track call the group named in {@code context.groupId} or {@code properties.groupId};
 *                for a group call its {@code groupId}
 * @param email   an identify call's {@code traits.email}
 */
record SegmentCall(String label, Type type, String messageId, Instant timestamp, String userId, String groupId,
                   String event, long quantity, String email, String name) {

    enum Type {
        TRACK, IDENTIFY, GROUP, PAGE, SCREEN, ALIAS
    }
}
