package dev.tenure.engine.backtest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the backtest and tuning settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BacktestProperties.class, TuningProperties.class})
class BacktestConfiguration {
}
