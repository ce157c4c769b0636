package dev.tenure.engine.rules;

import dev.tenure.engine.vocabulary.*;
import org.junit.jupiter.api.Test;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

class RecordProbeTest {
    @Test
    void records() {
        String drl = """
            package tenure.probe;
            import dev.tenure.engine.vocabulary.*;
            global java.util.List hits;
            rule "probe"
            when
                $a : Account( segment != Segment.TECH_TOUCH, arr > 100 )
                UsageTrend( accountId == $a.id, feature == "core", changePct <= -40 )
                $t : Today()
                Renewal( accountId == $a.id, renewalOn <= $t.date.plusDays(90) )
            then
                hits.add($a.name());
            end
            """;
        RuleSet rs = new RuleSetCompiler().compile(RuleSetFiles.of(List.of(new RuleFile("probe.drl", drl))));
        var s = rs.newSession();
        List<String> hits = new java.util.ArrayList<>();
        s.setGlobal("hits", hits);
        s.insert(new Account("a1", "Acme", Segment.HIGH_TOUCH, Stage.VALUE, "c", BigDecimal.valueOf(500), "p", LocalDate.now(), LocalDate.now().plusDays(30), "UTC"));
        s.insert(new UsageTrend("a1", "core", 1, 10, -50, 1, 0));
        s.insert(new Today(LocalDate.now(), java.time.Instant.now()));
        s.insert(new Renewal("a1", LocalDate.now().plusDays(30), 30));
        s.fireAllRules();
        assertThat(hits).containsExactly("Acme");
    }
}
