/** Health as figures and a page: an account's health and trend, accounts per band, and whether health predicted churn. */
package dev.tenure.api.health;
