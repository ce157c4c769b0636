/** Customer accounts and their contacts as stored, and as they were: every change to a contact or a stage, dated. */
package dev.tenure.engine.accounts;
