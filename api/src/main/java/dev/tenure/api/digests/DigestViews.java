package dev.tenure.api.digests;

import dev.tenure.engine.digests.Digest;
import dev.tenure.engine.digests.DigestRun;

import java.time.Instant;

/** Digests as the API answers them. */
final class DigestViews {

    private DigestViews() {
    }

    /**
     * A digest as recorded: to whom, for which week, the CSM's open and overdue tasks, its status, its attempts and,
     * while it waits to be tried again, when.
     */
    record DigestView(long id, String csm, String week, String messageId, int tasks, int overdue, String status,
                      String subject, String body, String error, Instant createdAt, Instant sentAt, int attempts,
                      Instant retryAt) {

        static DigestView of(Digest d) {
            return new DigestView(d.id(), d.csm(), d.week(), d.messageId(), d.tasks(), d.overdue(), d.status(), d.subject(),
                    d.body(), d.error(), d.createdAt(), d.sentAt(), d.attempts(), d.retryAt());
        }
    }

    /** What a send run did: sent, already done this week (a refire, another node), failed, waiting to be tried again. */
    record SendRun(String week, int sent, int alreadyDone, int failed, int retrying) {

        static SendRun of(DigestRun r) {
            return new SendRun(r.week(), r.sent(), r.alreadyDone(), r.failed(), r.retrying());
        }
    }
}
