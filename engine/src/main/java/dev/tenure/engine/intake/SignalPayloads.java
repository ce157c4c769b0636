package dev.tenure.engine.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenure.engine.vocabulary.BillingSignal;
import dev.tenure.engine.vocabulary.CsatSignal;
import dev.tenure.engine.vocabulary.NpsSignal;
import dev.tenure.engine.vocabulary.Signal;
import dev.tenure.engine.vocabulary.TicketSignal;
import dev.tenure.engine.vocabulary.UsageSignal;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Reads a stored signal back from its row: the payload column holds the signal itself, as JSON. */
@Component
public class SignalPayloads {

    private static final Map<String, Class<? extends Signal>> TYPES = Map.of(
            "usage", UsageSignal.class, "ticket", TicketSignal.class, "billing", BillingSignal.class, "nps", NpsSignal.class,
            "csat", CsatSignal.class);

    private final ObjectMapper json;

    public SignalPayloads(ObjectMapper json) {
        this.json = json;
    }

    public Signal read(long id, String kind, String payload) {
        Class<? extends Signal> type = TYPES.get(kind);
        if (type == null) {
            throw new IllegalStateException("signal " + id + " has unknown kind '" + kind + "'");
        }
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signal " + id + " (" + kind + ") does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
