/** Customer accounts and their contacts as stored, and the account lifecycle: when an account churns and comes back. */
package dev.tenure.engine.accounts;
