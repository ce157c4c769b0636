package dev.tenure.bench;

import dev.tenure.engine.schedule.StepRunner;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The baseline's way to run a step: a Quartz job of its own that carries out that one step. */
public class OneStepJob implements Job {

    static final String STEP_ID = "stepId";

    private final StepRunner runner;

    public OneStepJob(StepRunner runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        runner.runOne(context.getMergedJobDataMap().getLong(STEP_ID));
    }
}
