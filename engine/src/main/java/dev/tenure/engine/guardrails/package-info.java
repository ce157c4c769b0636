/**
 * Guardrails: whether a play may start and whether a tech-touch email may go out now, decided in one
 * place ({@link dev.tenure.engine.guardrails.Guardrails}); the suppression list and signed unsubscribe links.
 */
package dev.tenure.engine.guardrails;
