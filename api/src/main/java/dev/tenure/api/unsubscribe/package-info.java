/** The one-click unsubscribe link every tech-touch email carries: a confirmation page and the unsubscribe itself. */
package dev.tenure.api.unsubscribe;
