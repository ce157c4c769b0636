package dev.tenure.connectors.jdbc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which rows of a poll count as read, and how a watermark is kept and bound again. */
class JdbcPollUnitTest {

    private static List<Map<String, Object>> rows(Object... watermarks) {
        return java.util.Arrays.stream(watermarks).map(w -> Map.<String, Object>of("updated_at", w)).toList();
    }

    @Test
    void aBatchShorterThanTheLimit_isReadWhole() {
        assertThat(JdbcPoll.complete(rows(1L, 2L, 2L), "updated_at", 5)).hasSize(3);
    }

    @Test
    void aFullBatchEndingInsideARunOfEqualValues_leavesTheRunForTheNextPoll() {
        assertThat(JdbcPoll.complete(rows(1L, 2L, 3L, 3L), "updated_at", 4)).isEqualTo(rows(1L, 2L));
    }

    @Test
    void aFullBatchOfOneValue_isTakenWhole_soTheSourceStillMoves() {
        assertThat(JdbcPoll.complete(rows(7L, 7L, 7L), "updated_at", 3)).hasSize(3);
    }

    @Test
    void watermarksOfEachColumnType_bindBackAsTheSameType() {
        Timestamp at = Timestamp.from(Instant.parse("2026-11-24T10:15:30.123456Z"));
        assertThat(Watermark.of(42L).parameter()).isEqualTo(42L);
        assertThat(Watermark.of(42).parameter()).isEqualTo(42L);
        assertThat(Watermark.of(new BigDecimal("1.50")).parameter()).isEqualTo(new BigDecimal("1.50"));
        assertThat(Watermark.of(at).parameter()).isEqualTo(at);
        assertThat(Watermark.of(Date.valueOf("2026-11-24")).parameter()).isEqualTo(Date.valueOf("2026-11-24"));
        assertThat(Watermark.of("b-17").parameter()).isEqualTo("b-17");
        assertThatThrownBy(() -> Watermark.of(true)).hasMessageContaining("Boolean");
    }

    @Test
    void aZonelessTimestampsWatermark_isTheWarehousesWallTime_andBindsBackAsThatWallTime_notAnInstantOfTheJvmsZone() {
        var wall = new WarehouseRows.WallTime(LocalDateTime.parse("2026-10-25T02:30:00"), ZoneId.of("Europe/Berlin"));
        Watermark watermark = Watermark.of(wall);

        assertThat(watermark).isEqualTo(new Watermark("2026-10-25T02:30", "local timestamp"));
        assertThat(watermark.parameter()).isEqualTo(LocalDateTime.parse("2026-10-25T02:30:00"));
        assertThat(wall.instant()).as("the autumn overlap's earlier instant").isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(Watermark.of(Instant.parse("2026-11-24T10:15:30.123456Z")))
                .isEqualTo(new Watermark("2026-11-24T10:15:30.123456Z", "timestamp"));
    }

    @Test
    void settingsThatCannotWork_areRefusedNamingTheProperty() {
        JdbcSource injected = new JdbcSource(null, null, null, "usage; DROP TABLE account", "usage", "id",
                null, null, null, null, null);
        assertThatThrownBy(() -> injected.check("tenure.sources.jdbc.x")).hasMessageStartingWith("tenure.sources.jdbc.x.table: ");
        JdbcSource noKind = new JdbcSource(null, null, null, "rollup", "visits", "id", null, null, null, null, null);
        assertThatThrownBy(() -> noKind.check("tenure.sources.jdbc.x")).hasMessageContaining(".kind: 'visits' is not a kind");
        JdbcSource badZone = new JdbcSource(null, null, null, "rollup", "usage", "id", null, null, null, null, "Europe/Berln");
        assertThatThrownBy(() -> badZone.check("tenure.sources.jdbc.x"))
                .hasMessageStartingWith("tenure.sources.jdbc.x.zone: 'Europe/Berln' is not a time zone");
        JdbcSource berlin = new JdbcSource(null, null, null, "rollup", "usage", "id", null, null, null, null, " Europe/Berlin ");
        berlin.check("tenure.sources.jdbc.x");
        assertThat(berlin.zoneId()).contains(ZoneId.of("Europe/Berlin"));
    }
}
