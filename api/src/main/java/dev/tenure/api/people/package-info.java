/**
 * Who may do what: people and their roles (ADMIN, CS_OPS, CSM), form login for pages (throttled against
 * password guessing), API tokens for REST clients, per-source secrets for webhooks, and which accounts and
 * tasks a CSM may see.
 */
package dev.tenure.api.people;
