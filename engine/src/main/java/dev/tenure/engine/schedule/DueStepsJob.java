package dev.tenure.engine.schedule;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Drains the steps that are due. Concurrent firings are safe: each step is claimed by one drain. */
class DueStepsJob implements Job {

    private final StepRunner runner;

    DueStepsJob(StepRunner runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        runner.runDue();
    }
}
