package dev.tenure.connectors.segment;

import java.time.Instant;

/**
 * One call of Segment's tracking API, read and checked; what it means for an account is decided later,
 * once the batch's group calls are known.
 *
 * @param groupId for a track call the group named in {@code context.groupId} or {@code properties.groupId};
 *                for a group call its {@code groupId}
 * @param email   an identify call's {@code traits.email}
 * @param json    the call as it came, with its type: what a dead letter keeps, to replay it alone
 */
record SegmentCall(String label, Type type, String messageId, Instant timestamp, String userId, String groupId,
                   String event, long quantity, String email, String name, String json) {

    enum Type {
        TRACK, IDENTIFY, GROUP, PAGE, SCREEN, ALIAS
    }
}
