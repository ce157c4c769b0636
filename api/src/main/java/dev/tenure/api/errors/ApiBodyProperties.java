package dev.tenure.api.errors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the REST API takes besides webhooks ({@code tenure.api.max-body}, whose own limit is
 * {@code tenure.webhooks.max-body}): a rule set upload, a backtest's or tuning's files and tuning text. Each file of a
 * rule set holds at most 1,000,000 characters, but an upload of many files would otherwise be read whole however large.
 *
 * @param maxBody at least 2MB, so one rule set file as large as it may be still fits
 */
@ConfigurationProperties("tenure.api")
public record ApiBodyProperties(@DefaultValue("20MB") DataSize maxBody) {

    static final DataSize LEAST = DataSize.ofMegabytes(2);

    public ApiBodyProperties {
        if (maxBody.toBytes() < LEAST.toBytes()) {
            throw new IllegalArgumentException("tenure.api.max-body must be at least " + LEAST + ", was " + maxBody);
        }
    }
}
