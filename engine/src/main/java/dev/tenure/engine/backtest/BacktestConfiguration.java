package dev.tenure.engine.backtest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the backtest settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BacktestProperties.class)
class BacktestConfiguration {
}
