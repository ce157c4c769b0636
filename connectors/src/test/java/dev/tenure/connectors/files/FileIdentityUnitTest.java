package dev.tenure.connectors.files;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileIdentityUnitTest {

    private static String keyOf(String name) {
        Exchange file = new DefaultExchange(new DefaultCamelContext());
        file.getMessage().setHeader(Exchange.FILE_NAME_ONLY, name);
        file.getMessage().setHeader(Exchange.FILE_LENGTH, 2048L);
        file.getMessage().setHeader(Exchange.FILE_LAST_MODIFIED, 1793520000000L);
        return new FileIdentity().evaluate(file, String.class);
    }

    @Test
    void aFileIsKnownByItsNameSizeAndModificationTime() {
        assertThat(keyOf("usage-nov.csv")).isEqualTo("usage-nov.csv|2048|1793520000000");
    }

    @Test
    void aKeyTooLongForTheRepositoryIsHashedToAFixedLength() {
        String key = keyOf("usage-export-from-the-production-workspace-of-our-analytics-vendor-2026-11-24T10-15-00Z.csv");

        assertThat(key).startsWith("sha256:").hasSize(7 + 64);
        assertThat(key.length()).isLessThanOrEqualTo(FileIdentity.MAX_KEY_LENGTH);
    }
}
