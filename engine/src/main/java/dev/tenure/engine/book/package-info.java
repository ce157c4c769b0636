/** A CSM's book of business: their accounts with health, ARR, renewal and last activity, searched, sorted and paged. */
package dev.tenure.engine.book;
