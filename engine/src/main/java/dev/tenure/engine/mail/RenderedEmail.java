package dev.tenure.engine.mail;

/** A template filled in: the subject is the template's {@code <title>}. */
public record RenderedEmail(String subject, String html) {
}
