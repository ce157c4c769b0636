package dev.tenure.api.demo;

/**
 * What a demo account is there to show. Every story but {@link #STEADY} is shaped so that one starter
 * rule (two for {@link #RENEWAL_RISK}) fires when the data set is loaded; steady accounts fire none.
 */
enum Story {

    /** Flat usage, solved low-priority tickets, paid invoices, happy NPS answers. */
    STEADY,
    /** Usage of every feature fell to about 40% in the last 8 days. */
    USAGE_DROP,
    /** Three P1/P2 tickets opened in the last 9 days. */
    HIGH_PRIORITY_TICKETS,
    /** The latest invoice's card payment failed twice, within the last 3 weeks. */
    PAYMENT_FAILED,
    /** The champion answered NPS with 3–5 in the last few days. */
    DETRACTOR,
    /** Started 3–5 weeks ago and the whole team already uses the core feature daily. */
    FIRST_VALUE,
    /** Started 5–6 weeks ago; an admin tried it for three days, nobody has logged in since. */
    ONBOARDING_STALLED,
    /** Renews in 40–75 days while usage collapsed, P1/P2 tickets are open and the last NPS was a 2. */
    RENEWAL_RISK,
    /** High-touch, next quarterly business review in 5–12 days. */
    QBR_DUE
}
