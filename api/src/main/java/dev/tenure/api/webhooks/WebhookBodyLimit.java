package dev.tenure.api.webhooks;

import dev.tenure.api.errors.RequestBodyLimit;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Bounds a webhook request's body at the edge ({@code tenure.webhooks.max-body}), so no sender can make Tenure hold
 * an unbounded batch in memory ({@link RequestBodyLimit}).
 */
@Component
class WebhookBodyLimit extends RequestBodyLimit {

    WebhookBodyLimit(WebhookProperties properties) {
        super(properties.maxBody().toBytes());
    }

    @Override
    protected boolean bounds(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/webhooks/");
    }

    @Override
    protected String detail() {
        return "a webhook request body may be at most " + limit() + " bytes " + advice();
    }

    @Override
    protected String advice() {
        return "(tenure.webhooks.max-body); send the records in smaller batches";
    }
}
