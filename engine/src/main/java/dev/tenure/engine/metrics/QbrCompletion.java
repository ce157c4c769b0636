package dev.tenure.engine.metrics;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** QBR tasks due in a period, how many of them are done, and that share in percent (null when none were due). */
public record QbrCompletion(int due, int done, BigDecimal rate) implements Figures {

    public static QbrCompletion of(int due, int done) {
        return new QbrCompletion(due, done, Ratios.percent(done, due));
    }

    @Override
    public Map<String, Object> named() {
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("qbr_tasks_due", due);
        named.put("qbr_tasks_done", done);
        named.put("qbr_completion_rate_pct", rate);
        return named;
    }
}
