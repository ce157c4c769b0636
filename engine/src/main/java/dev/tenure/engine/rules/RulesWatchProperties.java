package dev.tenure.engine.rules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the rules folder watch ({@code tenure.*}, beside the engine's own settings).
 *
 * @param rulesWatch         whether a change in the rules folder reloads the rule set without a restart
 * @param rulesWatchDebounce how long the folder must be quiet before it is read: editors write a file
 *                           several times, and a copy of many files should make one version, not many
 */
@ConfigurationProperties("tenure")
public record RulesWatchProperties(@DefaultValue("true") boolean rulesWatch,
                                   @DefaultValue("500ms") Duration rulesWatchDebounce) {
}
