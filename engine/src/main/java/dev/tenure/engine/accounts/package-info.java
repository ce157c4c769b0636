/**
 * Customer accounts and their contacts as stored, and as they were (every change to a contact or a stage, dated),
 * and the account lifecycle: when an account churns and comes back.
 */
package dev.tenure.engine.accounts;
