/** The Spring Boot application: REST API, webhooks, demo data and the embedded database for a fresh machine. */
package dev.tenure.api;
