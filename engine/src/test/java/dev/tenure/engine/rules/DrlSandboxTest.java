package dev.tenure.engine.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

/**
 * DRL may use only the fact model, playbook, java.lang value types and java.time: anything else is
 * refused at compile time with its file, line and column, and the file never reaches Drools.
 */
class DrlSandboxTest {

    private static final String NOT_ALLOWED = " is not allowed in rules: rules may use only the fact model, playbook,"
            + " java.lang value types and java.time";
    private static final RuleFile PLAY = new RuleFile("plays/call.yml", """
            name: Call
            steps:
              - type: task
                title: Call them
            """);

    private final RuleSetCompiler compiler = new RuleSetCompiler();

    /** A rule whose consequence is {@code then}; the consequence's first line is line 11. */
    private static RuleFile ruleThatDoes(String then) {
        return new RuleFile("churn/escape.drl", """
                package churn;

                import dev.tenure.engine.vocabulary.*;

                global Playbook playbook;

                rule "Escape"
                when
                    $a : Account()
                then
                """ + then.indent(4) + """
                    playbook.start("call", $a);
                end
                """);
    }

    private List<RuleProblem> problemsOf(RuleFile... files) {
        List<RuleFile> all = new java.util.ArrayList<>(List.of(files));
        all.add(PLAY);
        try {
            compiler.compile(RuleSetFiles.of(all));
        } catch (InvalidRuleSetException e) {
            return e.problems();
        }
        return List.of();
    }

    @Test
    void a_consequence_calling_system_exit_is_refused_at_its_line_and_the_jvm_lives_on() {
        assertThat(problemsOf(ruleThatDoes("System.exit(1);")))
                .containsExactly(new RuleProblem("churn/escape.drl", 11, 5, "'System'" + NOT_ALLOWED));
    }

    @Test
    void a_consequence_opening_a_file_is_refused_at_its_line_and_column() {
        assertThat(problemsOf(ruleThatDoes("Object f = new java.io.File(\"/etc/passwd\");")))
                .containsExactly(new RuleProblem("churn/escape.drl", 11, 20, "'java.io.File'" + NOT_ALLOWED));
    }

    @Test
    void a_refused_file_never_reaches_drools_so_its_other_errors_are_not_even_compiled() {
        RuleFile rule = new RuleFile("churn/escape.drl", """
                package churn;
                import dev.tenure.engine.vocabulary.*;
                global Playbook playbook;
                rule "Escape"
                when
                    $a : Acount()
                then
                    Runtime.getRuntime().halt(0);
                end
                """);

        assertThat(problemsOf(rule)).extracting(RuleProblem::message).containsExactly(
                "'Runtime'" + NOT_ALLOWED, "'getRuntime'" + NOT_ALLOWED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Thread.sleep(100000);                                   | 'Thread'
            Class.forName("java.lang.Runtime");                     | 'Class'
            Object c = $a.getClass();                               | 'getClass'
            Object c = String.class;                                | '.class'
            ProcessBuilder pb = new ProcessBuilder("sh");           | 'ProcessBuilder'
            java.nio.file.Files.delete(null);                       | 'java.nio.file.Files.delete'
            Object u = new java.net.URL("http://example.com");      | 'java.net.URL'
            Object m = java.lang.reflect.Array.newInstance(null, 1); | 'java.lang.reflect.Array.newInstance'
            Object x = javax.naming.InitialContext.doLookup("x");   | 'javax.naming.InitialContext.doLookup'
            Object x = org.springframework.util.ReflectionUtils.class; | 'org.springframework.util.ReflectionUtils.class'
            Object x = com.sun.jndi.ldap.LdapCtx.class;             | 'com.sun.jndi.ldap.LdapCtx.class'
            Object x = sun.misc.Unsafe.class;                       | 'sun.misc.Unsafe.class'
            Object x = jdk.internal.misc.VM.class;                  | 'jdk.internal.misc.VM.class'
            String home = System.getenv("HOME");                    | 'System'
            boolean debug = Boolean.getBoolean("debug");            | 'getBoolean'
            drools.halt();                                          | 'drools'
            kcontext.getKieRuntime().halt();                        | 'kcontext'
            $a.wait();                                              | 'wait'
            Object t = java.time.LocalDate.MIN.getClass();          | 'getClass'
            """)
    void what_reaches_outside_the_vocabulary_is_refused(String consequence, String refused) {
        assertThat(problemsOf(ruleThatDoes(consequence))).extracting(RuleProblem::message)
                .first().isEqualTo(refused + NOT_ALLOWED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            import java.io.File;                            | import java.io.File
            import java.util.concurrent.Executors;          | import java.util.concurrent.Executors
            import static java.lang.System.exit;            | import java.lang.System.exit
            import function java.lang.Runtime.getRuntime;   | import java.lang.Runtime.getRuntime
            global java.lang.Runtime runtime;               | global java.lang.Runtime runtime
            global Playbook other;                          | global Playbook other
            """)
    void imports_and_globals_outside_the_vocabulary_are_refused_at_their_line(String declaration, String refused) {
        RuleFile rule = new RuleFile("churn/declares.drl", "package churn;\n\n" + declaration + "\n");

        assertThat(problemsOf(rule)).first().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.column()).isEqualTo(1);
            assertThat(p.message()).startsWith(refused + " is not allowed in rules");
        });
    }

    @Test
    void a_function_calling_the_runtime_is_refused_inside_the_function() {
        RuleFile rule = new RuleFile("churn/function.drl", """
                package churn;

                function void cleanUp() {
                    Runtime.getRuntime().exec("rm -rf /");
                }
                """);

        assertThat(problemsOf(rule)).extracting(p -> p.line() + ":" + p.column() + " " + p.message())
                .containsExactly("4:5 'Runtime'" + NOT_ALLOWED, "4:13 'getRuntime'" + NOT_ALLOWED,
                        "4:26 'exec'" + NOT_ALLOWED);
    }

    @Test
    void a_rule_package_that_is_a_java_package_is_refused_since_its_classes_would_need_no_import() {
        RuleFile rule = new RuleFile("churn/package.drl", """
                package org.springframework.util;
                rule "Reflection without a name"
                when
                then
                    ReflectionUtils.clearCache();
                end
                """);

        assertThat(problemsOf(rule)).extracting(RuleProblem::message).first().asString()
                .startsWith("package org.springframework.util is not allowed in rules");
    }

    @Test
    void an_escape_the_java_compiler_would_decode_before_reading_is_refused() {
        assertThat(problemsOf(ruleThatDoes("\\u0053ystem.exit(1);")))
                .extracting(RuleProblem::line, RuleProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(11, "the unicode escape '\\u0053' is not allowed in rules"
                        + " (write the character itself): rules may use only the fact model, playbook, java.lang value"
                        + " types and java.time"));
    }

    @Test
    void forbidden_words_in_comments_strings_and_rule_names_are_harmless_and_the_vocabulary_compiles() {
        RuleFile rule = new RuleFile("churn/harmless.drl", """
                package churn;

                import dev.tenure.engine.vocabulary.*;
                import java.time.LocalDate;
                import java.time.temporal.ChronoUnit;
                import java.lang.Math;

                global Playbook playbook;

                // System, Runtime and java.io.File are only words here.
                /* Thread.sleep(1) */
                rule "System check: renewal within 30 days of Runtime review"
                when
                    $a : Account( name != "java.io.File", plan != 'System.exit(1)' )
                    Renewal( accountId == $a.id, daysUntil <= Math.max(30, 10) )
                    Today( $d : date )
                then
                    long days = ChronoUnit.DAYS.between($d, LocalDate.of(2030, 1, 1));
                    String note = String.valueOf(days) + " days; \\"System\\" ok";
                    playbook.start("call", $a);
                end
                """);

        assertThat(problemsOf(rule)).isEmpty();
    }

    @Test
    void many_rules_sharing_one_constraint_compile_though_drools_then_writes_more_glue_for_it() {
        // Past ten rules on one constraint, the executable model marks the constraint's rule list as cut short;
        // that call is Drools' own bookkeeping, not something a rule asks for.
        StringBuilder drl = new StringBuilder("""
                package churn;

                import dev.tenure.engine.vocabulary.*;

                global Playbook playbook;
                """);
        for (int i = 1; i <= 14; i++) {
            drl.append("""

                    rule "Core usage under %d"
                    when
                        $a : Account()
                        UsageTrend( accountId == $a.id, feature == "core", last7Days < %d )
                    then
                        playbook.start("call", $a);
                    end
                    """.formatted(i * 100, i * 100));
        }

        assertThat(problemsOf(new RuleFile("churn/many.drl", drl.toString()))).isEmpty();
    }

    @Test
    void the_check_refuses_a_file_without_compiling_it_and_says_nothing_of_a_clean_one() {
        assertThatThrownBy(() -> compiler.compile(RuleSetFiles.of(List.of(ruleThatDoes("System.exit(1);"), PLAY))))
                .isInstanceOf(InvalidRuleSetException.class)
                .extracting(e -> ((InvalidRuleSetException) e).problems(), list(RuleProblem.class))
                .hasSize(1);
        assertThat(new DrlSandbox().check(ruleThatDoes("playbook.start(\"call\", $a);").content())).isEmpty();
    }
}
