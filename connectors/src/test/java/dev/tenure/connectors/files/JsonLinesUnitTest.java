package dev.tenure.connectors.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesUnitTest {

    @Test
    void eachLineIsOneObjectAndABrokenLineSaysWhere() throws IOException {
        JsonLines lines = new JsonLines(new BufferedReader(new StringReader("""
                {"eventId":"u-1"}

                {"eventId": "u-2",}
                [1, 2]
                {"a":1} {"b":2}
                """)), new ObjectMapper());

        SourceLine good = lines.next();
        SourceLine broken = lines.next();
        SourceLine array = lines.next();
        SourceLine two = lines.next();

        assertThat(good.line()).isEqualTo(1);
        assertThat(good.record().get("eventId").asText()).isEqualTo("u-1");
        assertThat(broken.line()).isEqualTo(3);
        assertThat(broken.problem()).startsWith("json: Unexpected character ('}'").endsWith("(column 19)");
        assertThat(array.problem()).isEqualTo("json: not a JSON object");
        assertThat(two.problem()).startsWith("json: Trailing token");
        assertThat(lines.next()).isNull();
    }
}
