/** Camel routes that bring what customers do, from webhooks and dropped files, into the engine. */
package dev.tenure.connectors;
