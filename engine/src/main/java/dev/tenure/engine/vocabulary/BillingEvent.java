package dev.tenure.engine.vocabulary;

/** What happened in billing. {@code SUBSCRIPTION_CANCELLED}: the customer cancelled; backtests score churn rules against it. */
public enum BillingEvent { INVOICE_ISSUED, INVOICE_PAID, INVOICE_OVERDUE, PAYMENT_FAILED, MRR_CHANGED, SUBSCRIPTION_CANCELLED }
