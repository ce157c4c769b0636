package dev.tenure.engine.rules;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates and task texts read account, contact, csm, rule and the matched facts: a name or field that
 * is not there is told with its file, line and column when the rule set compiles, not days later when
 * the step comes due.
 */
class TemplateVariablesTest {

    private final TemplateVariables emails = new TemplateVariables(TemplateModel.email());
    private final TemplateVariables tasks = new TemplateVariables(TemplateModel.task());

    private static RuleFile template(String body) {
        return new RuleFile("templates/check-in.html", """
                <!DOCTYPE html>
                <html xmlns:th="http://www.thymeleaf.org">
                <head><title th:text="|Hello ${account.name}|">Hello</title></head>
                <body>
                """ + body + """
                </body>
                </html>
                """);
    }

    private static RuleFile playWithTitle(String title) {
        return new RuleFile("plays/call.yml", """
                name: Call
                steps:
                  - type: task
                    title: "%s"
                """.formatted(title));
    }

    @Test
    void every_starter_template_and_play_reads_only_what_is_there() {
        RuleSetFiles starter = RuleSetFiles.read(Path.of("../rules"));

        assertThat(starter.files()).filteredOn(RuleFile::isTemplate).isNotEmpty()
                .allSatisfy(f -> assertThat(emails.check(f)).isEmpty());
        assertThat(starter.files()).filteredOn(RuleFile::isPlay).isNotEmpty()
                .allSatisfy(f -> assertThat(tasks.check(f)).isEmpty());
    }

    @Test
    void a_misspelt_field_of_the_account_is_told_with_the_fields_it_has() {
        List<RuleProblem> problems = emails.check(template("<p th:text=\"${account.nam}\">Hi</p>\n"));

        assertThat(problems).containsExactly(new RuleProblem("templates/check-in.html", 5, 15,
                "'account' has no field 'nam': it has id, name, segment, stage, csm, arr, plan, startedOn, renewalOn,"
                        + " timezone (in ${account.nam})"));
    }

    @Test
    void an_unknown_variable_is_told_with_the_ones_templates_may_read() {
        List<RuleProblem> problems = emails.check(template("<p>Dear [[${customer.name}]],</p>\n"));

        assertThat(problems).extracting(RuleProblem::line, RuleProblem::column, RuleProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, 13,
                        "unknown variable 'customer': templates may read account, contact, csm, rule, facts, unsubscribeUrl, accountUrl"
                                + " (in ${customer.name})"));
    }

    @Test
    void facts_are_named_after_their_type_and_their_fields_are_checked_too() {
        RuleFile play = playWithTitle("Usage fell [[${facts.usageTrnd.changePct}]]% and [[${facts.usageTrend.changePercent}]]"
                + " with [[${facts.usageTrend2.changePct}]] and [[${facts.healthScore.score.value}]]");

        assertThat(tasks.check(play)).extracting(p -> p.line() + ":" + p.column() + " " + p.message()).containsExactly(
                "4:28 facts has no 'usageTrnd': the facts a rule matched are named after their type, account, contact,"
                        + " today, usageTrend, ticketLoad, billingStatus, csatAnswers, healthScore, renewal, qbr, churned, occurrence, milestone, playRun,"
                        + " usageSignal, ticketSignal, billingSignal, npsSignal, contactSignal (a second one of a type: usageTrend2)"
                        + " (in ${facts.usageTrnd.changePct})",
                "4:66 'facts.usageTrend' has no field 'changePercent': it has accountId, feature, last7Days,"
                        + " baselineWeekly, changePct, activeUsers, daysSinceLastUse, previous7Days, earlier7Days, usualWeekly, dropSignificance, bestWeekOf28Days, days22To28"
                        + " (in ${facts.usageTrend.changePercent})",
                "4:148 'facts.healthScore.score' is a number, it has no field 'value' (in ${facts.healthScore.score.value})");
    }

    @Test
    void a_task_has_no_contact_so_naming_one_in_its_title_is_a_mistake() {
        assertThat(tasks.check(playWithTitle("Call [[${contact.name}]] at [[${account.name}]]")))
                .extracting(RuleProblem::message)
                .containsExactly("a task has no contact, so 'contact' is always empty in a task's title and details"
                        + " (in ${contact.name})");
        assertThat(emails.check(template("<p th:text=\"|Hi ${contact.name},|\">Hi</p>\n"))).isEmpty();
    }

    @Test
    void paths_literals_operators_and_the_names_a_template_declares_are_allowed() {
        RuleFile template = template("""
                <p th:text="${account.arr != null and account.arr > 1000 ? 'big' : 'small'}">Size</p>
                <p th:if="${not (facts.healthScore.score lt 50)}" th:text="${-facts.usageTrend.changePct} + ' %'">Drop</p>
                <li th:each="part, status : ${facts.healthScore.components}" th:text="${part.name + status.index}">Part</li>
                <p th:with="owner=${csm}" th:text="${owner}">Owner</p>
                <a th:href="${unsubscribeUrl}">Unsubscribe</a>
                <p>Plain text with ${not.an.expression} and #{nor.this} is not evaluated</p>
                """);

        assertThat(emails.check(template)).isEmpty();
    }

    @Test
    void method_calls_utilities_selections_indexing_and_other_expression_kinds_are_refused_each_at_its_place() {
        RuleFile template = template("""
                <p th:text="${#strings.toUpperCase(account.name)}">1</p>
                <p th:text="${account.name.toUpperCase()}">2</p>
                <p th:text="${facts.healthScore.components.?[score < 50]}">3</p>
                <p th:text="${facts.healthScore.components[0].name}">4</p>
                <p th:text="#{greeting}">5</p>
                <p th:object="${account}" th:text="*{name}">6</p>
                <a th:href="@{/x(a=${account.name})}">7</a>
                <p th:text="${__${account.name}__}">8</p>
                <p th:utext="${account.name}">9</p>
                <p th:text=${account.name.getClass()}>10</p>
                <p>[(${account.name})] and [[*{name}]] and [[${@bean.name}]]</p>
                """);

        assertThat(emails.check(template)).extracting(RuleProblem::line).containsExactly(5, 6, 7, 8, 9, 10, 10, 11, 12, 13, 14,
                15, 15, 15);
    }

    @Test
    void a_method_on_an_unknown_variable_is_refused() {
        assertThat(emails.check(template("<p th:text=\"${acount.name.toUpperCase()}\">Name</p>\n")))
                .extracting(RuleProblem::message).singleElement().asString().startsWith("only paths over the model");
    }

    @Test
    void reaching_classes_from_a_template_is_refused_however_the_attribute_is_written() {
        assertThat(emails.check(template("<p th:text=\"${T(java.lang.Runtime).getRuntime()}\">x</p>\n")))
                .extracting(RuleProblem::message).singleElement().asString()
                .startsWith("only paths over the model, literals and operators are allowed in templates")
                .contains("they may read account, contact, csm, rule, facts, unsubscribeUrl, accountUrl");
        assertThat(emails.check(template("<p data-th-text=${T(java.lang.Runtime)} th:text='${new java.io.File(\"/\")}'>x</p>\n")))
                .hasSize(2);
        assertThat(emails.check(template("<p>[[*{T(java.lang.Runtime).getRuntime()}]]</p>\n"))).hasSize(1);
    }

    /** Thymeleaf decodes character references in attribute values and inlined expressions before it evaluates them. */
    @Test
    void character_references_are_read_as_thymeleaf_reads_them_so_an_encoded_expression_is_refused_at_its_place() {
        RuleFile template = template("""
                <p th:text="&#36;{account.name.toUpperCase()}">1</p>
                <p th:text="&dollar;{#strings.repeat(account.name, 3)}">2</p>
                <p th:if=&#x24;{account.name.length()}>3</p>
                <p th:text="${account&period;name&period;toUpperCase&lpar;&rpar;}">4</p>
                <p th:text="&#95;&#95;${account.name}&#95;&#95;">5</p>
                <p>[[&#36;{account.name.toUpperCase()}]]</p>
                <p th:text="${account.name} + ' &amp; co'" th:if="${account.arr &gt; 1000}">fine</p>
                """);

        assertThat(emails.check(template)).extracting(p -> p.line() + ":" + p.column()).containsExactly(
                "5:42", "6:22", "7:35", "8:52", "9:13", "10:35");
    }

    /** Thymeleaf ends an inlined expression at the first ]] outside its literals, not at the first ]]. */
    @Test
    void an_inlined_expression_is_read_to_where_thymeleaf_ends_it_so_a_quoted_bracket_cannot_cut_it_short() {
        RuleFile template = template("""
                <p>[[ 'a]]' + ${account.name.toUpperCase()} ]]</p>
                <p>[[ "b]]" + ${#strings.repeat(account.name, 3)} ]] and [[${account.name}]]</p>
                <p>[( ')]' + ${account.name} )]</p>
                """);

        assertThat(emails.check(template)).extracting(p -> p.line() + ":" + p.column()).containsExactly(
                "5:40", "6:17", "7:4");
    }

    /** A task text is what YAML reads from the play, escapes decoded: that is what Thymeleaf fills in. */
    @Test
    void a_task_text_is_checked_as_yaml_reads_it_so_escapes_cannot_hide_an_expression() {
        RuleFile play = new RuleFile("plays/call.yml", """
                name: Call
                steps:
                  - type: task
                    title: "Call [\\x5B${account.name.toUpperCase()}]]"
                    details: "\\u005B[${#strings.repeat(account.name, 3)}]] and [\\
                      [${account.name.toLowerCase()}]]"
                  - type: task
                    title: "Call [[${account.name}]]"
                """);

        assertThat(tasks.check(play)).extracting(p -> p.line() + " " + p.message().substring(0, 49)).containsExactly(
                "4 only paths over the model, literals and operators",
                "5 only paths over the model, literals and operators",
                "5 only paths over the model, literals and operators");
    }

    @Test
    void the_compiler_refuses_a_rule_set_whose_template_reads_an_unknown_variable() {
        RuleFile play = new RuleFile("plays/welcome.yml", """
                name: Welcome
                steps:
                  - type: email
                    to: champion
                    template: check-in
                """);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RuleSetCompiler().compile(
                        RuleSetFiles.of(List.of(play, template("<p th:text=\"${account.owner}\">x</p>\n")))))
                .isInstanceOf(InvalidRuleSetException.class)
                .hasMessageContaining("templates/check-in.html:5:15: 'account' has no field 'owner'");
    }
}
