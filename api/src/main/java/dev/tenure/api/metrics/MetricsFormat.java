package dev.tenure.api.metrics;

import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How the metrics page writes figures ({@code @metricsFormat} in templates); an absent figure is "n/a". */
@Component("metricsFormat")
public class MetricsFormat {

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
