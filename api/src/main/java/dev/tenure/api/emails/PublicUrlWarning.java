package dev.tenure.api.emails;

import dev.tenure.engine.EngineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Set;

/**
 * Says at start, outside the demo, when every link in an email would point at the machine that sent it:
 * the default {@code tenure.public-url} is only right for someone trying Tenure on their own computer.
 */
@Component
class PublicUrlWarning implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PublicUrlWarning.class);
    private static final Set<String> THIS_MACHINE = Set.of("localhost", "127.0.0.1", "[::1]", "0.0.0.0");

    private final EngineProperties engine;

    PublicUrlWarning(EngineProperties engine) {
        this.engine = engine;
    }

    @Override
    public void run(ApplicationArguments args) {
        String host = URI.create(engine.publicUrl()).getHost();
        if (!args.containsOption("demo") && THIS_MACHINE.contains(host)) {
            log.warn("tenure.public-url is {}: links in emails (unsubscribe, digest, accounts) reach only this machine. "
                    + "Set TENURE_PUBLIC_URL to the address people open Tenure at", engine.publicUrl());
        }
    }
}
