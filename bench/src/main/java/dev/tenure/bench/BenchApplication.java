package dev.tenure.bench;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The engine alone, as the benchmark runs it: no web, no connectors. */
@SpringBootApplication(scanBasePackages = "dev.tenure.engine")
class BenchApplication {
}
