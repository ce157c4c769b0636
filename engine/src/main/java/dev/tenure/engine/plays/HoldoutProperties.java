package dev.tenure.engine.plays;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Holdout settings ({@code tenure.holdouts.*}).
 *
 * @param enabled false: no account is held out of any play, whatever the play files say (every eligible
 *                account gets the play; outcomes then have no holdout to compare with)
 */
@ConfigurationProperties("tenure.holdouts")
public record HoldoutProperties(@DefaultValue("true") boolean enabled) {
}
