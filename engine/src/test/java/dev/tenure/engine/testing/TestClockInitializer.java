package dev.tenure.engine.testing;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives every test context the JVM's {@link TestClock} before its beans are defined, so the engine's own
 * clock bean (a {@code @ConditionalOnMissingBean}) stands back.
 */
public class TestClockInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("testClock", TestClock.get());
    }
}
