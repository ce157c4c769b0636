package dev.tenure.api.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Posts a message to an incoming webhook and says how it went. Slack answers 2xx when the message is in the
 * channel; 429 and 5xx are worth another try (Retry-After honoured); any other 4xx (a webhook removed, a
 * channel archived: 404 no_service, 403 invalid_token, 410 channel_is_archived) will not change by retrying.
 */
@Component
class SlackClient {

    private static final int LONGEST_ANSWER = 200;

    private final RestClient rest;
    private final ObjectMapper json;

    SlackClient(SlackProperties settings, ObjectMapper json, RestClient.Builder builder) {
        // Redirects are not followed: the webhook's secret address must not be handed to another host.
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(settings.timeout());
        this.rest = builder.requestFactory(requests).build();
        this.json = json;
    }

    Result post(WebhookUrl url, String text) {
        try {
            byte[] body = json.writeValueAsBytes(Map.of("text", text));
            return rest.post().uri(URI.create(url.url())).contentType(MediaType.APPLICATION_JSON).body(body)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (response.getStatusCode().is2xxSuccessful()) {
                            return Result.delivered();
                        }
                        String problem = "Slack answered " + status + answer(response.getBody());
                        boolean worthRetrying = status == 429 || response.getStatusCode().is5xxServerError();
                        return new Result(false, worthRetrying, problem,
                                worthRetrying ? retryAfter(response.getHeaders()) : null);
                    });
        } catch (RestClientException | IOException e) {
            // Not reached, timed out, connection dropped: the next attempt may well get through.
            return new Result(false, true, "Slack not reached: " + rootMessage(e), null);
        }
    }

    private static String answer(InputStream body) throws IOException {
        String text = new String(body.readNBytes(LONGEST_ANSWER), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : " " + text;
    }

    private static Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        try {
            return value == null ? null : Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        // The exception's own text may quote the address, and the address is the secret.
        return root.getClass().getSimpleName() + (root.getMessage() == null || root.getMessage().contains("://")
                ? "" : ": " + root.getMessage());
    }

    /**
     * @param worthRetrying whether another attempt might succeed
     * @param retryAfter    how long Slack asked to wait, when it did
     */
    record Result(boolean ok, boolean worthRetrying, String problem, Duration retryAfter) {

        static Result delivered() {
            return new Result(true, false, null, null);
        }
    }
}
