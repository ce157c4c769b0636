package dev.tenure.api.metrics;

import dev.tenure.engine.metrics.CustomerSatisfaction;
import dev.tenure.engine.metrics.Figures;
import dev.tenure.engine.metrics.GroupBy;
import dev.tenure.engine.metrics.MetricsReport;
import dev.tenure.engine.metrics.MetricsRow;
import dev.tenure.engine.metrics.MrrMovements;
import dev.tenure.engine.metrics.NetPromoterScore;
import dev.tenure.engine.metrics.QbrCompletion;
import dev.tenure.engine.metrics.RetentionRates;
import dev.tenure.engine.metrics.RevenueFigures;
import dev.tenure.engine.metrics.SurveyFigures;
import dev.tenure.engine.metrics.TimeToValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/** CS metrics as the API answers them: {@code {metric, period, groupBy, currency, rows, total, leftOut}}. */
final class MetricsViews {

    private MetricsViews() {
    }

    /** A report: its rows (a month, segment or CSM each), the whole period, and the accounts left out. */
    record MetricsView<F>(String metric, PeriodView period, GroupBy groupBy, String currency, List<RowView<F>> rows,
                          RowView<F> total, List<LeftOutView> leftOut) {

        static <E extends Figures, F> MetricsView<F> of(MetricsReport<E> r, Function<E, F> figures) {
            return new MetricsView<>(r.metric(), new PeriodView(r.period().from(), r.period().to()), r.groupBy(), r.currency(),
                    r.rows().stream().map(row -> RowView.of(row, figures)).toList(), RowView.of(r.total(), figures),
                    r.leftOut().stream().map(l -> new LeftOutView(l.accountId(), l.currency(), l.reason())).toList());
        }
    }

    /** Days, {@code to} excluded. */
    record PeriodView(LocalDate from, LocalDate to) {
    }

    /** One row: its group, its days ({@code to} excluded), its figures. */
    record RowView<F>(String group, LocalDate from, LocalDate to, F figures) {

        static <E extends Figures, F> RowView<F> of(MetricsRow<E> row, Function<E, F> figures) {
            return row == null ? null : new RowView<>(row.group(), row.from(), row.to(), figures.apply(row.figures()));
        }
    }

    /** An account whose MRR is in a currency without a rate. */
    record LeftOutView(String accountId, String currency, String reason) {
    }

    /** MRR movements, and retention over the row and over the trailing twelve months. */
    record RevenueView(MovementsView movements, RatesView rates, RatesView trailingTwelveMonths) {

        static RevenueView of(RevenueFigures f) {
            return new RevenueView(MovementsView.of(f.movements()), RatesView.of(f.rates()), RatesView.of(f.trailingTwelveMonths()));
        }
    }

    record MovementsView(BigDecimal startingMrr, BigDecimal newMrr, BigDecimal reactivation, BigDecimal expansion,
                         BigDecimal contraction, BigDecimal churn, BigDecimal endingMrr, int accountsAtStart, int accountsChurned) {

        static MovementsView of(MrrMovements m) {
            return m == null ? null : new MovementsView(m.startingMrr(), m.newMrr(), m.reactivation(), m.expansion(), m.contraction(),
                    m.churn(), m.endingMrr(), m.accountsAtStart(), m.accountsChurned());
        }
    }

    /** Rates in percent; null with nothing to divide by. */
    record RatesView(BigDecimal nrr, BigDecimal grr, BigDecimal logoChurnRate, BigDecimal revenueChurnRate) {

        static RatesView of(RetentionRates r) {
            return r == null ? null : new RatesView(r.nrr(), r.grr(), r.logoChurnRate(), r.revenueChurnRate());
        }
    }

    record SurveysView(NpsView nps, CsatView csat) {

        static SurveysView of(SurveyFigures f) {
            NetPromoterScore n = f.nps();
            CustomerSatisfaction c = f.csat();
            return new SurveysView(n == null ? null : new NpsView(n.responses(), n.promoters(), n.passives(), n.detractors(), n.nps()),
                    c == null ? null : new CsatView(c.responses(), c.satisfied(), c.csat()));
        }
    }

    record NpsView(int responses, int promoters, int passives, int detractors, BigDecimal nps) {
    }

    record CsatView(int responses, int satisfied, BigDecimal csat) {
    }

    record TimeToValueView(int accounts, int reached, BigDecimal medianDays) {

        static TimeToValueView of(TimeToValue t) {
            return new TimeToValueView(t.accounts(), t.reached(), t.medianDays());
        }
    }

    record QbrView(int due, int done, BigDecimal rate) {

        static QbrView of(QbrCompletion q) {
            return new QbrView(q.due(), q.done(), q.rate());
        }
    }
}
