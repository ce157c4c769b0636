package dev.tenure.api.health;

import dev.tenure.engine.health.AccountHealth;
import dev.tenure.engine.health.BandCounts;
import dev.tenure.engine.health.ChurnOutcome;
import dev.tenure.engine.health.ChurnReport;
import dev.tenure.engine.health.HealthDistribution;
import dev.tenure.engine.vocabulary.HealthComponent;
import dev.tenure.engine.vocabulary.HealthScore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Health figures as the API answers them, mapped from the engine's reports. */
public final class HealthViews {

    private HealthViews() {
    }

    /** A health score: band, the score before it, each component, the model that scored it. */
    public record ScoreView(String accountId, int score, String band, int previous, List<ComponentView> components,
                            Instant computedAt, String modelVersion) {

        public static ScoreView of(HealthScore h) {
            return h == null ? null : new ScoreView(h.accountId(), h.score(), h.band(), h.previous(),
                    h.components().stream().map(ComponentView::of).toList(), h.computedAt(), h.modelVersion());
        }
    }

    /** One component of a health score: its score, its weight (0–1) and why. */
    public record ComponentView(String name, int score, double weight, String reason) {

        public static ComponentView of(HealthComponent c) {
            return new ComponentView(c.name(), c.score(), c.weight(), c.reason());
        }
    }

    /** An account's health now, each component's share, the change over 30 and 90 days, the last score of each day. */
    record AccountHealthView(String accountId, ScoreView now, List<ShareView> components, Integer change30d, Integer change90d,
                             List<ScoreView> history) {

        static AccountHealthView of(AccountHealth h) {
            return new AccountHealthView(h.accountId(), ScoreView.of(h.now()),
                    h.components().stream().map(c -> new ShareView(c.name(), c.score(), c.weight(), c.points(), c.share(), c.reason()))
                            .toList(),
                    h.change30d(), h.change90d(), h.history().stream().map(ScoreView::of).toList());
        }
    }

    /** A component of the latest score: score, weight (0–1), points (score × weight), share of all points (0–1), why. */
    record ShareView(String name, int score, double weight, double points, double share, String reason) {
    }

    /** Accounts per band as of a day: in all, by segment, by CSM; what the figures were narrowed to. */
    record DistributionView(LocalDate asOf, String csm, String segment, BandsView all, Map<String, BandsView> bySegment,
                            Map<String, BandsView> byCsm) {

        static DistributionView of(HealthDistribution d) {
            return new DistributionView(d.asOf(), d.csm(), d.segment(), BandsView.of(d.all()), bands(d.bySegment()),
                    bands(d.byCsm()));
        }

        private static Map<String, BandsView> bands(Map<String, BandCounts> counts) {
            Map<String, BandsView> views = new LinkedHashMap<>();
            counts.forEach((key, value) -> views.put(key, BandsView.of(value)));
            return views;
        }
    }

    /** Accounts per band; {@code unscored} have no score yet. */
    record BandsView(int good, int average, int poor, int unscored) {

        static BandsView of(BandCounts c) {
            return new BandsView(c.good(), c.average(), c.poor(), c.unscored());
        }
    }

    /** Does health predict churn: per band at the start of the period, what left; and the verdict. */
    record ChurnReportView(LocalDate from, LocalDate to, int leadDays, String csm, String segment, List<BandRowView> bands,
                           SeparationView separation) {

        static ChurnReportView of(ChurnReport r) {
            return new ChurnReportView(r.from(), r.to(), r.leadDays(), r.csm(), r.segment(),
                    r.bands().stream().map(BandRowView::of).toList(), SeparationView.of(r.separation()));
        }
    }

    /** One band: accounts, cancelled, contracted, either, their rates (0–1), the median lead time, the accounts lost. */
    record BandRowView(String band, int accounts, int cancelled, int contracted, int cancelledOrContracted, double cancelledRate,
                       double contractedRate, double rate, Double medianLeadDays, List<LostView> lost) {

        static BandRowView of(ChurnReport.BandRow b) {
            return new BandRowView(b.band(), b.accounts(), b.cancelled(), b.contracted(), b.cancelledOrContracted(),
                    b.cancelledRate(), b.contractedRate(), b.rate(), b.medianLeadDays(), b.lost().stream().map(LostView::of).toList());
        }
    }

    /** An account that cancelled or contracted in the period, its band at the start, and the lead time in days. */
    record LostView(String accountId, String name, String segment, String csm, String startBand, boolean cancelled,
                    boolean contracted, Long leadDays) {

        static LostView of(ChurnOutcome o) {
            return new LostView(o.accountId(), o.name(), o.segment(), o.csm(), o.startBand(), o.cancelled(), o.contracted(),
                    o.leadDays());
        }
    }

    /** Whether health separated those who left from those who stayed, and why. */
    record SeparationView(ChurnReport.Verdict verdict, String reason, double poorRate, double goodRate) {

        static SeparationView of(ChurnReport.Separation s) {
            return s == null ? null : new SeparationView(s.verdict(), s.reason(), s.poorRate(), s.goodRate());
        }
    }
}
