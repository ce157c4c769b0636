/** The book-of-business pages: a CSM's accounts (CS ops: anyone's, or the team's), renewals coming up, the team's overdue tasks. */
package dev.tenure.api.book;
