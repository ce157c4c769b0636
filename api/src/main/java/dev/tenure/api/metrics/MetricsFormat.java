package dev.tenure.api.metrics;

import dev.tenure.engine.metrics.MetricsProperties;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How the metrics page writes figures ({@code @metricsFormat} in templates); an absent figure is "n/a"; a
 * survey score from fewer answers than {@code tenure.metrics.few-answers} is flagged.
 */
@Component("metricsFormat")
public class MetricsFormat {

    private final int fewAnswers;

    public MetricsFormat(MetricsProperties settings) {
        this.fewAnswers = settings.fewAnswers();
    }

    /** Whether a score from this many answers is a small sample (but not none: no answers is "n/a"). */
    public boolean few(int answers) {
        return answers > 0 && answers < fewAnswers;
    }

    public int fewAnswers() {
        return fewAnswers;
    }

    public String percent(BigDecimal value) {
        return value == null ? "n/a" : value.toPlainString() + "%";
    }

    public String number(BigDecimal value) {
        return value == null ? "n/a" : value.toPlainString();
    }

    public String money(BigDecimal value) {
        return value == null ? "n/a" : new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
