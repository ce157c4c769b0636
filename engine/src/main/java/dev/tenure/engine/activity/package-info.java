/** What happened at an account, signals included, a page at a time: the account page's timeline and the "why" of a play. */
package dev.tenure.engine.activity;
