package dev.tenure.connectors;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connectors know nothing of HTTP (the api module serves webhooks and calls in), and reach into
 * the engine only through its ports: intake, dead letters, the vocabulary, and the bounds the intake holds every
 * record to (so a source tells a sender what is wrong in its own words, with the same limits).
 */
class ModularityUnitTest {

    private static final List<String> ENGINE_PORTS = List.of("dev.tenure.engine.intake.",
            "dev.tenure.engine.deadletters.", "dev.tenure.engine.vocabulary.", "dev.tenure.engine.bounds.");

    private static List<String> importsOfMainSources() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            return sources.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> lines(p).filter(l -> l.startsWith("import ")).map(l -> p.getFileName() + ": " + l))
                    .toList();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theConnectorsKnowNothingOfTheWeb() throws IOException {
        assertThat(importsOfMainSources()).noneMatch(i -> i.contains("org.springframework.web")
                || i.contains("jakarta.servlet") || i.contains("org.apache.camel.component.platform.http")
                || i.contains("dev.tenure.api"));
    }

    @Test
    void theEngineIsReachedOnlyThroughItsPorts() throws IOException {
        assertThat(importsOfMainSources()).filteredOn(i -> i.contains("dev.tenure.engine."))
                .isNotEmpty()
                .allMatch(i -> ENGINE_PORTS.stream().anyMatch(i::contains), "imports only engine ports");
    }
}
