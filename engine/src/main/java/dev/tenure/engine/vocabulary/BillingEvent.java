package dev.tenure.engine.vocabulary;

/** What happened in billing. */
public enum BillingEvent { INVOICE_ISSUED, INVOICE_PAID, INVOICE_OVERDUE, PAYMENT_FAILED, MRR_CHANGED }
