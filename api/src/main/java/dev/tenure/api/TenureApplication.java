package dev.tenure.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Tenure: signals in, rules evaluated, plays run, tasks and emails out. {@code --demo} loads demo data. */
@SpringBootApplication(scanBasePackages = "dev.tenure")
public class TenureApplication {

    public static void main(String[] args) {
        SpringApplication.run(TenureApplication.class, args);
    }
}
