package dev.tenure.engine.rules;

import dev.tenure.engine.EngineProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Watches the rules folder unless {@code tenure.rules-watch=false}; reads the rules' time limits and how a
 * node follows the rule set in force.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RulesWatchProperties.class, RuleLimits.class, RuleSetSyncProperties.class})
class RulesWatchConfiguration {

    @Bean
    @ConditionalOnProperty(name = "tenure.rules-watch", havingValue = "true", matchIfMissing = true)
    RulesFolderWatch rulesFolderWatch(EngineProperties engine, RulesWatchProperties watch, RuleSetReload reload) {
        return new RulesFolderWatch(engine.rulesPath(), watch.rulesWatchDebounce(), reload);
    }
}
