package dev.tenure.engine.mail;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A rule set's template reads its model and nothing else when it runs, whatever the template check let through:
 * a name declared by {@code th:with} or {@code th:each} may hold any value of the model, and from there a getter
 * of a text or a map was one step away.
 */
class ModelOnlyTemplatesUnitTest {

    private final EmailComposer composer = new EmailComposer();
    private final Map<String, Object> model = Map.of(
            "account", Map.of("name", "Acme", "arr", 120_000, "plan", "growth"),
            "facts", Map.of("usageTrend", Map.of("changePct", -42.5)),
            "tasks", List.of(Map.of("title", "Call"), Map.of("title", "Write")));

    @Test
    void given_paths_over_the_model_then_they_read_as_before() {
        RenderedEmail email = composer.render("""
                <html><head><title th:text="|Hello ${account.name}|">x</title></head><body>
                <p th:if="${facts.usageTrend.changePct < -40}" th:text="${account.arr + 1}">x</p>
                <p th:with="a=${account}" th:text="${a.plan}">x</p>
                <p th:each="t, s : ${tasks}" th:text="${t.title} + ${s.index} + ${s.last}">x</p>
                <p th:each="f : ${facts}" th:text="|${f.key}: ${f.value.changePct}|">x</p>
                </body></html>""", model);

        assertThat(email.subject()).isEqualTo("Hello Acme");
        assertThat(email.html()).contains("<p>120001</p>", "<p>growth</p>", "<p>Call0false</p>", "<p>Write1true</p>",
                "<p>usageTrend: -42.5</p>");
        assertThat(composer.fill("Call [[${account.name}]] ([[${facts.usageTrend.changePct}]]%)", model))
                .isEqualTo("Call Acme (-42.5%)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<p th:with=\"x=${account}\" th:text=\"${x.class.name}\">x</p>",
            "<p th:with=\"x=${account.name}\" th:text=\"${x.bytes}\">x</p>",
            "<p th:with=\"x=${account.name}\" th:text=\"${x.class.protectionDomain}\">x</p>",
            "<p th:each=\"t : ${tasks}\" th:text=\"${t.class.name}\">x</p>",
            "<p th:each=\"t, s : ${tasks}\" th:text=\"${s.class.name}\">x</p>",
            "<p th:text=\"${account.name.toUpperCase()}\">x</p>",
            "<p th:text=\"${T(java.lang.Runtime).getRuntime()}\">x</p>",
            "<p th:text=\"${new java.lang.ProcessBuilder('id').start()}\">x</p>",
            "<p th:text=\"${@environment}\">x</p>",
            "<p th:text=\"${#ctx.locale.language}\">x</p>",
            "<p th:with=\"x=${account.name = 'Evil'}\" th:text=\"${account.name}\">x</p>"})
    void given_a_template_reaching_past_the_model_then_it_does_not_render(String body) {
        assertThatThrownBy(() -> composer.render("<html><body>" + body + "</body></html>", model))
                .hasMessageContaining("Exception evaluating SpringEL expression");
    }

    @Test
    void given_a_task_title_reaching_past_the_model_then_it_does_not_fill_in() {
        assertThatThrownBy(() -> composer.fill("[# th:with=\"x=${account}\"][[${x.class.name}]][/]", model))
                .hasMessageContaining("Exception evaluating SpringEL expression");
    }

    @Test
    void given_a_template_doubling_a_text_name_after_name_then_it_fails_at_the_bound_instead_of_filling_the_memory() {
        StringBuilder with = new StringBuilder("v0=${account.name}");
        for (int i = 1; i <= 40; i++) {
            with.append(", v").append(i).append("=${v").append(i - 1).append("} + ${v").append(i - 1).append('}');
        }
        String template = "<html><body><p th:with=\"" + with + "\" th:text=\"${v40}\">x</p></body></html>";

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> composer.render(template, model)))
                .hasMessageContaining("gives a text of more than 100000 characters");
        assertThatThrownBy(() -> composer.fill("[# th:with=\"" + with + "\"][[${v40}]][/]", model))
                .hasMessageContaining("gives a text of more than 100000 characters");
    }

    @Test
    void given_a_template_nesting_th_each_twenty_deep_then_it_fails_at_the_bound_instead_of_running_for_ever() {
        String template = "<html><body>" + "<div th:each=\"e : ${account}\">".repeat(20) + "x" + "</div>".repeat(20)
                + "</body></html>";

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> composer.render(template, model)))
                .hasMessageContaining("evaluates more than 10000 expressions in one rendering");
    }

    @Test
    void given_a_template_printing_a_long_text_in_nested_loops_then_it_fails_at_the_bound_instead_of_writing_gigabytes() {
        StringBuilder doubled = new StringBuilder("<p th:with=\"v0=${account.name}");
        for (int i = 1; i <= 14; i++) {
            doubled.append(", v").append(i).append("=${v").append(i - 1).append("} + ${v").append(i - 1).append("}");
        }
        String template = "<html><body>" + doubled + "\">" + "<span th:each=\"e : ${account}\">".repeat(6)
                + "<b th:text=\"${v14}\">x</b>" + "</span>".repeat(6) + "</p></body></html>";

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> composer.render(template, model)))
                .hasMessageContaining("give more than 1000000 characters in one rendering");
    }

    @Test
    void given_tenures_own_template_then_it_may_call_its_models_methods() {
        RenderedEmail digest = composer.renderOwn("<html><body><p th:text=\"${tasks.size()}\">x</p></body></html>", model);

        assertThat(digest.html()).contains("<p>2</p>");
    }
}
