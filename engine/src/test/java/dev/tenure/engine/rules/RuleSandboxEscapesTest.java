package dev.tenure.engine.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Attempts to get out of the rule sandbox, each refused at upload with the file and a line, before any of
 * the rule runs. Each is tried twice: through the whole compiler, and with the textual check left out, so
 * the sandbox by construction (Drools' parse of the DRL, then the compiled bytecode) refuses it on its own.
 * Every consequence that could run would write a marker file; none is ever written.
 */
class RuleSandboxEscapesTest {

    private static final String FILE = "churn/escape.drl";
    /** The line of {@code rule "Escape"} in {@link #drl}. */
    private static final int RULE = 7;
    private static final String CALL = "playbook.start(\"call\", $a);";
    private static final RuleFile PLAY = new RuleFile("plays/call.yml", """
            name: Call
            steps:
              - type: task
                title: Call them
            """);

    @TempDir
    static Path dir;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final RuleSetCompiler compiledCodeOnly = new RuleSetCompiler(RuleLimits.defaults(), new RuleWatch(), false);

    private static String marker() {
        return dir.resolve("ran").toString();
    }

    /** A consequence that leaves a mark if it ever runs. */
    private static String mark() {
        return "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker() + "\"), \"ran\");";
    }

    /** One rule at line 7; each part is one line, so lines stay put. */
    private static String drl(String imports, String declaration, String attributes, String when, String then) {
        return """
                package churn;

                import dev.tenure.engine.vocabulary.*;
                %s
                global Playbook playbook;
                %s
                rule "Escape" %s
                when
                    %s
                then
                    %s
                end
                """.formatted(imports, declaration, attributes, when, then);
    }

    private static Arguments then(String name, String then) {
        return arguments(name, drl("", "", "", "$a : Account()", then), RULE);
    }

    private static Arguments when(String name, String when) {
        return arguments(name, drl("", "", "", when, CALL), RULE);
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                then("an enum's declaring class, its code source and /proc/self/environ (the reported escape)",
                        "Object o = $a.segment().getDeclaringClass().getProtectionDomain().getCodeSource().getLocation()"
                                + ".toURI().resolve(\"file:///proc/self/environ\").toURL().openStream();"),
                then("Enum.valueOf with a class literal", "Object o = Enum.valueOf(Stage.class, \"ADOPTION\");"),
                then("a class literal", "Object c = Account.class; playbook.start(c.toString(), $a);"),
                then("getClass of a fact", "Object c = $a.getClass();"),
                then("getClass of the playbook, for reflection", "Object m = playbook.getClass().getMethods();"),
                then("java.lang.invoke", "Object l = java.lang.invoke.MethodHandles.lookup();"),
                then("the system class loader", "Object l = ClassLoader.getSystemClassLoader();"),
                then("a thread", "new Thread(new Object().toString()).start();"),
                then("the current thread", "Thread.currentThread().interrupt();"),
                then("sleeping", "Thread.sleep(100000L);"),
                then("System.exit", "System.exit(1);"),
                then("the clock read through InstantSource, which Clock implements",
                        "long t = java.time.InstantSource.system().millis(); if (t > 0) { " + CALL + " }"),
                then("the machine's time zone", "Object z = java.time.ZoneId.systemDefault();"),
                then("the environment", "Object e = System.getenv();"),
                then("a system property through Integer.getInteger", "Object p = Integer.getInteger(\"user.home\");"),
                then("Runtime.exec", "Runtime.getRuntime().exec(\"id\");"),
                then("ProcessBuilder", "new ProcessBuilder(\"id\").start();"),
                then("java.io.File", "new java.io.File(\"/etc/passwd\").delete();"),
                then("java.nio.file.Files", "Object b = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"/etc/passwd\"));"),
                then("java.net.URL", "Object s = new java.net.URL(\"http://example.com\").openStream();"),
                then("javax.script", "Object e = new javax.script.ScriptEngineManager().getEngineByName(\"js\");"),
                then("ServiceLoader", "Object l = java.util.ServiceLoader.load(Runnable.class);"),
                then("ObjectInputStream", "Object o = new java.io.ObjectInputStream(null);"),
                then("an executor", "Object x = java.util.concurrent.Executors.newSingleThreadExecutor();"),
                then("String.format with a huge width", "String s = String.format(\"%2000000000d\", 1);"),
                then("String.repeat", "String s = \"x\".repeat(2_000_000_000);"),
                then("a regular expression that backtracks for ever", "boolean b = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\".matches(\"(a+)+b\");"),
                then("a StringBuilder of huge capacity", "Object b = new StringBuilder(Integer.MAX_VALUE);"),
                then("a huge array", "long[] big = new long[Integer.MAX_VALUE];"),
                then("an array of a size computed at run time", "long[] big = new long[$a.name().length()];"),
                then("a reflective array", "Object a = java.lang.reflect.Array.newInstance(long.class, 10);"),
                then("strings doubled line after line",
                        "String s = $a.name(); s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s;"),
                then("a huge BigDecimal", "Object s = new java.math.BigDecimal(\"1e999999999\").toPlainString();"),
                then("interning strings", "String s = $a.name().intern();"),
                then("Collections mutating a fact's list", "java.util.Collections.reverse(new java.util.ArrayList());"),
                then("a fact's list cleared", "java.util.List l = new HealthScore(\"a\", 1, 1, java.util.List.of(), null).components(); l.clear();"),
                then("Object.wait", "try { $a.wait(); } catch (Exception e) { }"),
                then("Object.notify", "$a.notify();"),
                then("synchronized", "synchronized ($a) { playbook.start(\"call\", $a); }"),
                then("an infinite while loop", "while (true) { playbook.start(\"call\", $a); }"),
                then("a for loop", "for (int i = 0; i < 10; i++) { playbook.start(\"call\", $a); }"),
                then("a lambda", "Runnable r = () -> playbook.start(\"call\", $a); r.run();"),
                then("an anonymous class", "Object o = new Object() { public String toString() { return \"x\"; } };"),
                then("drools.getKieRuntime()", "drools.getKieRuntime().halt();"),
                then("kcontext", "Object k = kcontext.getKieRuntime();"),
                then("insert", "insert(new Milestone($a.id(), MilestoneType.ACTIVATED, null));"),
                then("retract", "retract($a);"),
                then("modify", "modify($a) { };"),
                then("catching Errors to outlive a stop", "try { playbook.start(\"call\", $a); } catch (Throwable t) { }"),
                then("unicode escapes that spell System", "\\u0053ystem.exit(1);"),
                when("getClass in a condition", "$a : Account( name.getClass() != null )"),
                when("getDeclaringClass in a condition", "$a : Account( stage.getDeclaringClass() != null )"),
                when("an eval reading the environment", "$a : Account() eval( System.getenv(\"HOME\") != null )"),
                when("from with method calls outside the vocabulary", "$a : Account() $v : String() from System.getenv().values()"),
                when("a regular expression in a condition", "$a : Account( name matches \"(a+)+b\" )"),
                when("the matches operator named as text", "$a : Account( org.drools.model.DSL.eval(\"matches\", name, \"(a+)+b\") )"),
                when("String.repeat in a condition", "$a : Account( name.repeat(100000000).length() > 0 )"),
                arguments("a rule in the MVEL dialect", drl("", "", "dialect \"mvel\"", "$a : Account()", "System.exit(1);"), RULE),
                arguments("a static import", drl("import static java.lang.System.exit;", "", "", "$a : Account()", "exit(1);"), 4),
                arguments("import function", drl("import function java.lang.System.exit;", "", "", "$a : Account()",
                        "exit(1);"), 4),
                arguments("import accumulate", drl("import accumulate java.lang.Object evil;", "", "", "$a : Account()",
                        CALL), 4),
                arguments("accumulate with its own code", drl("", "", "",
                        "$a : Account() $t : Number() from accumulate( UsageTrend( $l : last7Days ), init( long s = 0; ), "
                                + "action( s += $l; ), result( s ) )", CALL), 9),
                arguments("a function that loops for ever", drl("", "function int spin(int n) { while (n > 0) { n = n + 1; } return n; }",
                        "", "$a : Account( spin(1) > 0 )", CALL), 6),
                arguments("a function that recurses", drl("", "function int down(int n) { return n <= 0 ? 0 : down(n - 1); }",
                        "", "$a : Account( down(100000000) > 0 )", CALL), 6),
                arguments("a function that reaches System", drl("", "function void out() { System.exit(1); }",
                        "", "$a : Account()", "out();"), 6),
                arguments("a declared type", drl("", "declare Holder value : String end", "", "$a : Account()", CALL), 6),
                arguments("a query", drl("", "query \"everything\" Account() end", "", "$a : Account()", CALL), 6),
                arguments("a global other than playbook", drl("", "global java.util.List sink;", "", "$a : Account()", CALL), 6),
                arguments("a dynamic salience", drl("", "", "salience ( $a.arr().intValue() )", "$a : Account()", CALL), RULE),
                arguments("a timer", drl("", "", "timer ( int: 1s 1s )", "$a : Account()", CALL), RULE),
                arguments("a rule without conditions, which fires as soon as the rules run", drl("", "", "", "", mark()), RULE),
                arguments("functions calling functions four times over, 4^20 calls without a loop (a replay is halted only between firings)",
                        drl("", fanOut(20), "", "$a : Account()", "int n = f20(1); " + CALL), RULE),
                arguments("the playbook called from a condition, starting a play no rule fired for",
                        drl("", "function boolean go(Playbook p, Account a) { p.start(\"call\", a); return false; }", "",
                                "$a : Account() eval( go(playbook, $a) )", CALL), RULE),
                when("the playbook matched as a fact, then stored with the play's facts", "$a : Account() $p : Object() from playbook"),
                arguments("a rule unit, which Drools refused without naming the file", drl("", "", "", "$a : Account()", CALL)
                        .replace("package churn;\n", "package churn;\nunit Escape;"), 2));
    }

    /** Functions f1..fN on one line, each calling the one before four times: 4^N calls, no loop, no recursion. */
    private static String fanOut(int n) {
        StringBuilder functions = new StringBuilder("function int f0(int x) { return x + 1; }");
        for (int i = 1; i <= n; i++) {
            String call = "f" + (i - 1) + "(x)";
            functions.append(" function int f").append(i).append("(int x) { return ").append(call).append(" + ").append(call)
                    .append(" + ").append(call).append(" + ").append(call).append("; }");
        }
        return functions.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void an_escape_is_refused_at_upload_with_its_file_and_line_and_never_runs(String escape, String drl, int line) {
        List<RuleProblem> everything = problemsOf(compiler, drl);
        List<RuleProblem> byConstruction = problemsOf(compiledCodeOnly, drl);

        assertThat(everything).as("refused by the whole compiler").isNotEmpty()
                .allSatisfy(p -> assertThat(p.file()).isEqualTo(FILE))
                .allSatisfy(p -> assertThat(p.line()).isPositive());
        assertThat(byConstruction).as("refused without the textual check")
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo(FILE);
                    assertThat(p.line()).isEqualTo(line);
                });
        assertThat(Files.exists(Path.of(marker()))).as("the rule's code ran").isFalse();
    }

    @Test
    void the_reported_escape_is_refused_at_the_rule_naming_what_it_reached_for() {
        String drl = drl("", "", "", "$a : Account()", "Object o = $a.segment().getDeclaringClass().getProtectionDomain();");

        assertThat(problemsOf(compiledCodeOnly, drl)).containsExactly(
                new RuleProblem(FILE, RULE, 0, "rule \"Escape\": 'java.lang.Enum.getDeclaringClass' is not allowed in rules"),
                new RuleProblem(FILE, RULE, 0, "rule \"Escape\": 'java.lang.Class.getProtectionDomain' is not allowed in rules"));
    }

    @Test
    void rule_metadata_is_refused_at_the_rule_naming_it_not_the_builder_drools_would_call() {
        String drl = drl("", "", "@foo(1) @Propagation(IMMEDIATE)", "$a : Account()", CALL);

        assertThat(problemsOf(compiler, drl)).extracting(RuleProblem::message).containsExactlyInAnyOrder(
                "rule \"Escape\": metadata @foo is not allowed in rules",
                "rule \"Escape\": metadata @Propagation is not allowed in rules");
        assertThat(problemsOf(compiler, drl)).extracting(RuleProblem::line).containsOnly(RULE);
    }

    @Test
    void a_rule_set_that_keeps_to_the_vocabulary_compiles_with_both_checks() {
        String drl = drl("import java.time.LocalDate;", "function boolean big(Account a) { return a.arr() != null && a.arr().doubleValue() > 1000; }",
                "salience 10", "$a : Account( segment == Segment.HIGH_TOUCH, name.toLowerCase().startsWith(\"acme\"), big(this) ) "
                        + "$n : Number( intValue >= 0 ) from accumulate( UsageTrend( accountId == $a.id, $l : last7Days ), sum( $l ) ) "
                        + "not Milestone( accountId == $a.id, type == MilestoneType.FIRST_VALUE ) "
                        + "$h : HealthScore( accountId == $a.id ) HealthComponent( score < 50 ) from $h.components "
                        + "Today( date.isAfter(LocalDate.of(2020, 1, 1)) )",
                "playbook.start(\"call\", $a); playbook.moveStage($a, Stage.ADOPTION);");

        assertThat(problemsOf(compiler, drl)).isEmpty();
        assertThat(problemsOf(compiledCodeOnly, drl)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void drls_own_operators_compile_with_both_checks(String operator, String when) {
        String drl = drl("", "", "", when, CALL);

        assertThat(problemsOf(compiler, drl)).isEmpty();
        assertThat(problemsOf(compiledCodeOnly, drl)).isEmpty();
    }

    static Stream<Arguments> operators() {
        return Stream.of(
                arguments("str[startsWith]", "$a : Account( name str[startsWith] \"Acme\" )"),
                arguments("str[endsWith]", "$a : Account( name str[endsWith] \"Inc\" )"),
                arguments("str[length]", "$a : Account( name str[length] 4 )"),
                arguments("contains on a text", "$a : Account( name contains \"cme\" )"),
                arguments("not contains", "$a : Account( name not contains \"test\" )"),
                arguments("contains on a list", "$a : Account() $h : HealthScore( accountId == $a.id ) "
                        + "$c : HealthComponent( score < 50 ) from $h.components HealthScore( this == $h, components contains $c )"),
                arguments("memberOf", "$a : Account() $h : HealthScore( accountId == $a.id ) "
                        + "$c : HealthComponent( score < 50, this memberOf $h.components ) from $h.components"),
                arguments("in and not in", "$a : Account( segment in (Segment.HIGH_TOUCH, Segment.LOW_TOUCH), stage not in (Stage.ONBOARDING) )"),
                arguments("soundslike", "$a : Account( name soundslike \"Akme\" )"));
    }

    private static List<RuleProblem> problemsOf(RuleSetCompiler compiler, String drl) {
        List<RuleFile> files = new ArrayList<>(List.of(new RuleFile(FILE, drl), PLAY));
        try {
            compiler.compile(RuleSetFiles.of(files));
        } catch (InvalidRuleSetException e) {
            return e.problems();
        }
        return List.of();
    }
}
