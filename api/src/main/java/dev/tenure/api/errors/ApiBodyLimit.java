package dev.tenure.api.errors;

import dev.tenure.engine.bounds.RecordBounds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Bounds the body of every REST request but a webhook's at the edge ({@code tenure.api.max-body}): a rule set upload
 * of many files, each within its own limit, is refused before it is read rather than held whole in memory
 * ({@link RequestBodyLimit}).
 */
@Component
@EnableConfigurationProperties(ApiBodyProperties.class)
class ApiBodyLimit extends RequestBodyLimit {

    ApiBodyLimit(ApiBodyProperties properties) {
        super(properties.maxBody().toBytes());
    }

    @Override
    protected boolean bounds(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // Webhooks have their own limit, for batches of records.
        return path.startsWith("/api/") && !path.startsWith("/api/webhooks/");
    }

    @Override
    protected String advice() {
        return "(tenure.api.max-body); each file of a rule set holds at most " + RecordBounds.FILE_LENGTH + " characters";
    }
}
