package dev.tenure.engine;

import dev.tenure.engine.guardrails.GuardrailsProperties;
import dev.tenure.engine.guardrails.UnsubscribeProperties;
import dev.tenure.engine.mail.MailRetryProperties;
import dev.tenure.engine.mail.SmtpConnectionProperties;
import dev.tenure.engine.plays.HoldoutProperties;
import dev.tenure.engine.plays.SendWindowProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import java.time.Clock;

/** Wires what the engine needs that is not a component of its own. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EngineProperties.class, SendWindowProperties.class, MailRetryProperties.class,
        GuardrailsProperties.class, UnsubscribeProperties.class, SmtpConnectionProperties.class,
        HoldoutProperties.class})
@PropertySource("classpath:dev/tenure/engine/engine.properties")
public class EngineConfiguration {

    /**
     * One clock for the engine, read for every "now" in Java and passed to SQL, so tests can stand in a
     * clock of their own (a bean of type {@link Clock} registered before this one).
     */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
