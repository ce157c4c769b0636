/** Customer accounts and their contacts as stored. */
package dev.tenure.engine.accounts;
