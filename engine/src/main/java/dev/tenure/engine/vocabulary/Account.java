package dev.tenure.engine.vocabulary;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A customer account. {@code csm} is the email address of the account's Customer Success Manager. */
public record Account(String id, String name, Segment segment, Stage stage, String csm, BigDecimal arr,
                      String plan, LocalDate startedOn, LocalDate renewalOn, String timezone) {

    public Account withStage(Stage newStage) {
        return new Account(id, name, segment, newStage, csm, arr, plan, startedOn, renewalOn, timezone);
    }
}
