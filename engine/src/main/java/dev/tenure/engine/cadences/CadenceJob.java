package dev.tenure.engine.cadences;

import dev.tenure.engine.meters.EngineMeters;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one job behind every cadence: a pass over all of them. */
@DisallowConcurrentExecution
class CadenceJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(CadenceJob.class);

    private final Cadences cadences;
    private final EngineMeters meters;

    CadenceJob(Cadences cadences, EngineMeters meters) {
        this.cadences = cadences;
        this.meters = meters;
    }

    @Override
    public void execute(JobExecutionContext context) {
        CadencePass pass = cadences.run();
        meters.cadenceOccurrences(pass.occurrences());
        log.info("Cadences: {} account(s) near an occurrence, {} occurrence(s) scheduled, {} step(s)",
                pass.candidates(), pass.occurrences(), pass.steps());
    }
}
