package dev.tenure.engine.vocabulary;

/**
 * What happened in billing. {@code SUBSCRIPTION_CANCELLED}: the customer cancelled; the account becomes
 * {@code CHURNED} and backtests score churn rules against it. {@code SUBSCRIPTION_REACTIVATED}: a customer who had
 * cancelled subscribes again; a churned account goes back to the stage it had before.
 */
public enum BillingEvent {
    INVOICE_ISSUED, INVOICE_PAID, INVOICE_OVERDUE, PAYMENT_FAILED, MRR_CHANGED, SUBSCRIPTION_CANCELLED, SUBSCRIPTION_REACTIVATED
}
