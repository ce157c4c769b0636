package dev.tenure.engine.book;

import dev.tenure.engine.accounts.Accounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads books of business: accounts with their health, activity and tasks, in one query a page. */
@Repository
public class BookOfBusiness {

    private final JdbcClient jdbc;

    BookOfBusiness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the accounts the query asks for; {@code now} decides which open tasks are overdue. */
    public BookPage page(BookQuery query, Instant now) {
        String pattern = query.search() == null ? null
                : "%" + query.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        Date from = query.renewingFrom() == null ? null : Date.valueOf(query.renewingFrom());
        Date until = query.renewingUntil() == null ? null : Date.valueOf(query.renewingUntil());
        // The sort column comes from the enum, never from the request's text.
        String order = query.sort().column + (query.descending() ? " DESC" : " ASC") + " NULLS LAST, lower(a.name), a.id";
        long[] total = {0};
        List<BookEntry> entries = new ArrayList<>();
        jdbc.sql("SELECT a." + Accounts.COLUMNS.replace(", ", ", a.") + """
                        , h.score, h.band, act.last_activity,
                               (SELECT count(*) FROM task t WHERE t.account_id = a.id AND t.status = 'OPEN') AS open_tasks,
                               (SELECT count(*) FROM task t WHERE t.account_id = a.id AND t.status = 'OPEN' AND t.due_at < ?) AS overdue,
                               count(*) OVER () AS total
                        FROM account a
                        LEFT JOIN LATERAL (SELECT score, band FROM health_score WHERE account_id = a.id
                                           ORDER BY computed_at DESC LIMIT 1) h ON true
                        LEFT JOIN LATERAL (SELECT GREATEST(
                                               (SELECT max(occurred_at) FROM signal s WHERE s.account_id = a.id),
                                               (SELECT max(day)::timestamp AT TIME ZONE 'UTC' FROM usage_daily u WHERE u.account_id = a.id))
                                           AS last_activity) act ON true
                        WHERE (CAST(? AS text) IS NULL OR lower(a.csm) = lower(?))
                          AND (CAST(? AS text) IS NULL OR a.name ILIKE ? OR a.id ILIKE ?)
                          AND (CAST(? AS date) IS NULL OR (a.stage <> 'CHURNED' AND a.renewal_on BETWEEN ? AND ?))
                        ORDER BY """ + " " + order + " LIMIT ? OFFSET ?")
                .params(Timestamp.from(now), query.csm(), query.csm(), pattern, pattern, pattern, from, from, until,
                        query.limit(), query.offset())
                .query(rs -> {
                    total[0] = rs.getLong("total");
                    Timestamp last = rs.getTimestamp("last_activity");
                    entries.add(new BookEntry(Accounts.account(rs, 0), (Integer) rs.getObject("score"), rs.getString("band"),
                            last == null ? null : last.toInstant(), rs.getInt("open_tasks"), rs.getInt("overdue")));
                });
        if (entries.isEmpty() && query.offset() > 0) {
            // Past the last page the window count is not there to read: count alone.
            return new BookPage(entries, page(new BookQuery(query.csm(), query.search(), query.renewingFrom(), query.renewingUntil(),
                    query.sort(), query.descending(), 0, 1), now).total());
        }
        return new BookPage(entries, total[0]);
    }

    /** Everyone who is the CSM of an account, by email: whom CS ops can pick a book of. */
    public List<String> csms() {
        return jdbc.sql("SELECT DISTINCT lower(csm) FROM account WHERE csm IS NOT NULL AND csm <> '' ORDER BY 1").query(String.class).list();
    }
}
