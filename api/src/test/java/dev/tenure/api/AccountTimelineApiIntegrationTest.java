package dev.tenure.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenure.engine.testing.TestData;
import dev.tenure.engine.vocabulary.BillingEvent;
import dev.tenure.engine.vocabulary.Segment;
import dev.tenure.engine.vocabulary.TicketPriority;
import dev.tenure.engine.vocabulary.TicketStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tenure.api.PagesIntegrationTest.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/accounts/{id}/timeline}: what happened at the account and the signals it sent, newest first, a
 * page at a time and narrowed by kind; the same entries, in the same order, as the account page's timeline.
 */
class AccountTimelineApiIntegrationTest extends ApiIntegrationTest {

    private static final Pattern PAGE_REF = Pattern.compile("<li data-type=\"[^\"]*\" data-ref=\"([^\"]*)\"");

    private final TestData account = TestData.account("Timeline Api Tamarin", Segment.LOW_TOUCH).usage("core", 59, 0, 10)
            .ticket(TicketPriority.P1, TicketStatus.OPEN, 2).billing(BillingEvent.INVOICE_PAID, 4).nps(9, 6).csat(5, 8);

    private JsonNode timeline(String query) {
        return get("/api/accounts/" + account.id() + "/timeline" + query);
    }

    @Test
    void the_timeline_has_the_accounts_signals_a_page_at_a_time() {
        intake.accept(account.batch());

        JsonNode first = timeline("?size=50");
        JsonNode second = timeline("?size=50&page=2");
        JsonNode whole = timeline("?size=1000");

        assertThat(first.path("page").asInt()).isEqualTo(1);
        assertThat(first.path("nextPage").asInt()).isEqualTo(2);
        assertThat(first.path("total").asLong()).isEqualTo(whole.path("total").asLong()).isEqualTo(whole.path("items").size());
        assertThat(first.path("items")).hasSize(50);
        assertThat(types(whole)).contains("signal.usage", "signal.ticket", "signal.billing", "signal.nps", "signal.csat", "contact.added");
        assertThat(whole.path("items").findValuesAsText("summary")).anyMatch(s -> s.startsWith("Ticket T-") && s.contains("(p1 priority)"));
        assertThat(whole.path("next").isNull()).isTrue();
        List<String> paged = new ArrayList<>(refs(first));
        paged.addAll(refs(second));
        assertThat(paged).as("no gaps, no repeats").containsExactlyElementsOf(refs(whole).subList(0, paged.size()));
        assertThat(new HashSet<>(paged)).hasSize(paged.size());
        assertThat(second.path("items").get(0).path("signal").asBoolean()).isTrue();
        assertThat(second.path("items").get(0).path("kind").asText()).isEqualTo("usage");
    }

    @Test
    void a_kind_or_every_signal_narrows_it_and_a_kind_that_is_none_is_refused_by_name() {
        intake.accept(account.batch());

        JsonNode nps = timeline("?kind=nps");
        JsonNode signals = timeline("?kind=signals&size=1000");
        ResponseEntity<JsonNode> weather = http.getForEntity("/api/accounts/" + account.id() + "/timeline?kind=weather", JsonNode.class);

        assertThat(nps.path("items").findValuesAsText("kind")).isNotEmpty().containsOnly("nps");
        assertThat(types(nps)).containsExactly("signal.nps");
        assertThat(signals.path("items")).hasSizeGreaterThan(60).allSatisfy(e -> assertThat(e.path("signal").asBoolean()).isTrue());
        assertThat(weather.getStatusCode().value()).isEqualTo(400);
        assertThat(weather.getBody().path("detail").asText()).startsWith("kind: 'weather' is not one of usage, ticket");
    }

    @Test
    void the_api_and_the_account_page_show_the_same_entries_in_the_same_order() throws Exception {
        intake.accept(account.batch());

        for (String kind : new String[]{"", "ticket", "signals"}) {
            String html = mvc.perform(MockMvcRequestBuilders.get("/accounts/" + account.id()).param("kind", kind).param("page", "2")
                    .with(signedIn(account.account().csm()))).andReturn().getResponse().getContentAsString();
            List<String> onThePage = new ArrayList<>();
            Matcher ref = PAGE_REF.matcher(html);
            while (ref.find()) {
                onThePage.add(ref.group(1));
            }

            assertThat(refs(timeline("?size=50&page=2&kind=" + kind))).as(kind).containsExactlyElementsOf(onThePage);
        }
    }

    private static List<String> types(JsonNode page) {
        return page.path("items").findValuesAsText("type").stream().distinct().toList();
    }

    private static List<String> refs(JsonNode page) {
        return page.path("items").findValuesAsText("ref");
    }
}
