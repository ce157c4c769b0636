/**
 * The facts and the one global that DRL authors see: import {@code dev.tenure.engine.vocabulary.*}.
 * Everything here is an immutable value built fresh for each evaluation of an account.
 */
package dev.tenure.engine.vocabulary;
