package dev.tenure.engine.digests;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Sends this week's digests; a second firing in the same week sends nothing new. */
@DisallowConcurrentExecution
class DigestJob implements Job {

    private final Digests digests;

    DigestJob(Digests digests) {
        this.digests = digests;
    }

    @Override
    public void execute(JobExecutionContext context) {
        digests.sendWeekly();
    }
}
