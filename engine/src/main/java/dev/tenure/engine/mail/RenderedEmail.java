package dev.tenure.engine.mail;

/**
 * A template filled in: the subject is the template's {@code <title>}. A tech-touch email carries its
 * one-click unsubscribe link, in the body and in the {@code List-Unsubscribe} header; other email has none.
 */
public record RenderedEmail(String subject, String html, String unsubscribeUrl) {

    public RenderedEmail(String subject, String html) {
        this(subject, html, null);
    }
}
