package dev.tenure.api;

import dev.tenure.api.backtests.TuneCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Tenure: signals in, rules evaluated, plays run, tasks and emails out. {@code --demo} loads demo data;
 * {@code --tune} tunes the rules on history and exits ({@link TuneCommand}). */
@SpringBootApplication(scanBasePackages = "dev.tenure")
public class TenureApplication {

    public static void main(String[] args) {
        if (TuneCommand.asked(args)) {
            System.exit(TuneCommand.runApplication(args));
        }
        SpringApplication.run(TenureApplication.class, args);
    }
}
