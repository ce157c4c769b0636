/**
 * The figures a CS team reports on, computed from stored signals as of a period: MRR movements, net and
 * gross revenue retention and churn rates, NPS, CSAT, time to value and QBR completion, each by segment,
 * by CSM or by month.
 */
package dev.tenure.engine.metrics;
