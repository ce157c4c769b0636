package dev.tenure.engine.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** NPS and CSAT over a row's period. */
public record SurveyFigures(NetPromoterScore nps, CustomerSatisfaction csat) implements Figures {

    @Override
    public Map<String, Object> named() {
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("nps", nps.nps());
        named.put("nps_responses", nps.responses());
        named.put("nps_promoters", nps.promoters());
        named.put("nps_passives", nps.passives());
        named.put("nps_detractors", nps.detractors());
        named.put("csat_pct", csat.csat());
        named.put("csat_responses", csat.responses());
        named.put("csat_satisfied", csat.satisfied());
        return named;
    }
}
