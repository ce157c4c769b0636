package dev.tenure.api;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The API's contract is checked in ({@code api/openapi.json}): the document the running application serves
 * must be that copy, so a change to what clients see (a renamed field, a new parameter, a handler's type)
 * shows in review. A change that is meant is written to the copy with {@value #WRITE}.
 */
class OpenApiContractIntegrationTest extends ApiIntegrationTest {

    static final String WRITE = "tenure.openapi.write";
    static final Path COPY = Path.of("openapi.json");
    static final String REWRITE = "./mvnw -B -q -pl api -am test -Dtest=OpenApiContractIntegrationTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Operations being changed elsewhere now (the rule set controller, an account's timeline): summaries come with them. */
    static final java.util.Set<String> NOT_YET = java.util.Set.of();

    @Test
    void the_openapi_document_is_the_checked_in_copy() throws IOException {
        ResponseEntity<JsonNode> served = anonymous.getForEntity("/v3/api-docs", JsonNode.class);
        assertThat(served.getStatusCode()).isEqualTo(HttpStatus.OK);
        String document = stable(served.getBody());

        if (Boolean.getBoolean(WRITE)) {
            Files.writeString(COPY, document, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(COPY)) {
            fail("api/openapi.json is missing; write it with\n  " + REWRITE);
        }
        String copy = Files.readString(COPY, StandardCharsets.UTF_8);
        if (!copy.equals(document)) {
            fail("The OpenAPI document the application serves differs from api/openapi.json " + firstDifference(copy, document)
                    + "\nIf the change is meant, rewrite the copy and commit it:\n  " + REWRITE);
        }
    }

    @Test
    void every_operation_has_a_summary_and_a_named_tag() {
        JsonNode document = anonymous.getForObject("/v3/api-docs", JsonNode.class);
        List<String> missing = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode o = operation.getValue();
            String name = operation.getKey().toUpperCase() + " " + path.getKey();
            if (NOT_YET.contains(name)) {
                return;
            }
            if (o.path("summary").asText().isBlank()) {
                missing.add(name + ": no summary");
            }
            o.path("tags").forEach(tag -> {
                if (tag.asText().endsWith("-controller")) {
                    missing.add(name + ": tag " + tag.asText());
                }
            });
        }));
        document.path("tags").forEach(tag -> {
            if (tag.path("description").asText().isBlank()) {
                missing.add("tag " + tag.path("name").asText() + ": no description");
            }
        });
        assertThat(missing).as("operations and tags the OpenAPI document leaves unexplained").isEmpty();
    }

    /** Pretty-printed with keys in order and without the server's address (a random port in tests). */
    static String stable(JsonNode document) throws IOException {
        ObjectNode copy = document.deepCopy();
        copy.remove("servers");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(printer).writeValueAsString(sorted(copy)) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode result = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> result.set(name, sorted(node.get(name))));
            return result;
        }
        if (node.isArray()) {
            ArrayNode result = JSON.createArrayNode();
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            // Tags are listed in the order handlers were found, which no client relies on.
            if (!items.isEmpty() && items.stream().allMatch(i -> i.isObject() && i.has("name") && i.has("description") && !i.has("in"))) {
                items.sort(Comparator.comparing(i -> i.path("name").asText()));
            }
            result.addAll(items);
            return result;
        }
        return node;
    }

    private static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "<end>";
            String right = i < b.length ? b[i] : "<end>";
            if (!left.equals(right)) {
                return "at line " + (i + 1) + ": the copy has\n  " + left.strip() + "\nthe application serves\n  " + right.strip();
            }
        }
        return "";
    }
}
