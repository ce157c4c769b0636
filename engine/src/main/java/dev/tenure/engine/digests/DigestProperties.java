package dev.tenure.engine.digests;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The weekly digest ({@code tenure.digest.*}).
 *
 * @param cron     cron expression (in {@code tenure.default-timezone}) of when digests go out
 * @param inboxUrl where a CSM's tasks are, as linked from the digest; {@code ?owner=...} and {@code /<id>} are added
 */
@ConfigurationProperties("tenure.digest")
public record DigestProperties(@DefaultValue("0 0 8 ? * MON") String cron,
                               @DefaultValue("http://localhost:8080/api/tasks") String inboxUrl) {
}
