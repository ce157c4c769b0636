package dev.tenure.engine.mail;

import dev.tenure.engine.EngineTestApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.concurrent.CountDownLatch;

/**
 * The engine as a process of its own, started by {@link KilledMidDispatchIntegrationTest} with the test
 * classpath so the test can kill it. Settings come as command-line arguments. It runs until killed: the
 * test configuration makes every scheduler thread a daemon, so the main thread is what keeps it alive.
 */
public final class DispatchingNode {

    private DispatchingNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        new SpringApplicationBuilder(EngineTestApplication.class).properties("spring.main.banner-mode=off").run(args);
        System.out.println(DispatchingNode.STARTED);
        new CountDownLatch(1).await();
    }

    /** What the node prints once it runs. */
    static final String STARTED = "dispatching node started";
}
