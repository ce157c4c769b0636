package dev.tenure.engine.mail;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Names Jakarta Mail's stream provider before any email is built. Without the name, Jakarta Mail 2.1 looks
 * the provider up through a {@code ServiceLoader} scan of every jar each time a header is encoded or a part
 * is written (jakartaee/mail-api#861): several scans per message, which at thousands of emails a second
 * made the scan the largest cost of sending. With the name it loads the class directly. An operator's own
 * {@code -Djakarta.mail.util.StreamProvider} is left alone.
 */
public class MailStreamProviderSetting implements EnvironmentPostProcessor {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
