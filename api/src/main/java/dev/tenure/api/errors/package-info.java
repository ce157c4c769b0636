/** Errors as RFC 9457 problem bodies. */
package dev.tenure.api.errors;
