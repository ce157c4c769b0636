package dev.tenure.bench;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The engine and the connectors (the file drop route among them), as the file-drop benchmark runs them: no web. */
@SpringBootApplication(scanBasePackages = {"dev.tenure.engine", "dev.tenure.connectors"})
class FileDropApplication {
}
