package dev.tenure.engine.intake;

import dev.tenure.engine.accounts.Accounts;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Re-evaluates every account once a day, so rules about time (renewals, QBRs, silence) fire without a signal. */
@DisallowConcurrentExecution
class DailyEvaluationJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(DailyEvaluationJob.class);

    private final Accounts accounts;
    private final Intake intake;

    DailyEvaluationJob(Accounts accounts, Intake intake) {
        this.accounts = accounts;
        this.intake = intake;
    }

    @Override
    public void execute(JobExecutionContext context) {
        // Accounts a stopped node left queued are evaluated with their arrived signals first.
        IntakeResult queued = intake.evaluateQueued();
        if (queued.accountsEvaluated() > 0) {
            log.info("Queued evaluations left over: {} accounts, {} plays started", queued.accountsEvaluated(),
                    queued.playsStarted());
        }
        IntakeResult result = intake.reevaluate(accounts.allIds());
        log.info("Daily evaluation: {} accounts, {} plays started", result.accountsEvaluated(), result.playsStarted());
    }
}
