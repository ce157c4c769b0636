package dev.tenure.engine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps DRL to the vocabulary authors are given: the fact model, {@code playbook}, java.lang value types
 * and java.time. A rule file is read before it reaches the KieBuilder; anything else it imports or names
 * (System, Runtime, files, network, reflection, threads, class loading) is refused with its line.
 * <p>
 * This is a textual allowlist over the code with comments and string literals blanked, not a type
 * check: what a rule can do is decided from its compiled code ({@link CompiledRuleCheck}), which a
 * chain such as {@code stage.getDeclaringClass()...} cannot get past. This check stays as defence in
 * depth for the step before: Drools' parser and compiler only ever see text that names nothing outside
 * the vocabulary, and the author is told at the very column. Unicode escapes, which the Java compiler
 * decodes before it reads anything, are refused so the compiler and this check read the same text.
 */
final class DrlSandbox {

    static final String ALLOWED = "rules may use only the fact model, playbook, java.lang value types and java.time";

    private static final String VOCABULARY = "dev.tenure.engine.vocabulary";
    private static final Set<String> VALUE_TYPES = Set.of("String", "Integer", "Long", "Double", "Float", "Short",
            "Byte", "Boolean", "Character", "Number", "Math", "StrictMath", "CharSequence", "Comparable", "Object",
            "StringBuilder");
    private static final Set<String> JAVA_MATH = Set.of("BigDecimal", "BigInteger");
    /** java.lang classes refused even if a JDK no longer has them, so the check does not depend on the JDK. */
    private static final Set<String> JAVA_LANG_REFUSED = Set.of("System", "Runtime", "Process", "ProcessBuilder",
            "ProcessHandle", "Thread", "ThreadGroup", "ThreadLocal", "InheritableThreadLocal", "Class", "ClassLoader",
            "ClassValue", "Compiler", "SecurityManager", "StackWalker", "Module", "ModuleLayer", "Package");
    /** Members that reach classes, the runtime or system properties from any object. */
    private static final Set<String> MEMBERS_REFUSED = Set.of("getClass", "forName", "loadClass", "getClassLoader",
            "getContextClassLoader", "getRuntime", "exec", "newInstance", "setAccessible", "getMethod", "getMethods",
            "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields", "getDeclaredField", "getDeclaredFields",
            "getConstructor", "getConstructors", "getDeclaredConstructor", "getDeclaredConstructors", "getenv",
            "getInteger", "getLong", "getBoolean", "wait", "notify", "notifyAll");
    /** Consequences see the session itself through these; rules act through playbook instead. */
    private static final Set<String> IMPLICIT_REFUSED = Set.of("drools", "kcontext");
    /** First segments of package names: a name starting with one is a Java package, not a rule's own. */
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jakarta", "jdk", "sun", "com", "org",
            "net", "io", "dev", "ch", "de", "junit", "picocli", "groovy", "kotlin", "scala", "lombok", "reactor");

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+[0-9a-fA-F]{0,4}");
    private static final Pattern IMPORT = Pattern.compile(
            "(?<![\\w$.])import\\s+(?:(?:static|function|accumulate)\\s+)?([\\w$]+(?:\\s*\\.\\s*(?:[\\w$]+|\\*))*)");
    private static final Pattern GLOBAL = Pattern.compile("(?<![\\w$.])global\\s+([\\w$.\\s]+?)\\s+([\\w$]+)\\s*;?");
    private static final Pattern PACKAGE = Pattern.compile("(?<![\\w$.])package\\s+([\\w$]+(?:\\s*\\.\\s*[\\w$]+)*)");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w$.])([a-z_][\\w$]*)((?:\\s*\\.\\s*(?:[\\w$]+|\\*))+)");
    private static final Pattern CAPITALISED = Pattern.compile("(?<![\\w$.])([A-Z][\\w$]*)");
    private static final Pattern NAME = Pattern.compile("(?<![\\w$])([a-z][\\w$]*)(?![\\w$])");
    private static final Pattern CLASS_LITERAL = Pattern.compile("\\.\\s*class(?![\\w$])");

    /** What in this DRL text is not allowed, by offset; empty when the text keeps to the vocabulary. */
    List<Finding> check(String text) {
        Findings found = new Findings();
        found.scan(UNICODE_ESCAPE, text, m -> "the unicode escape '" + m.group() + "' is not allowed in rules (write"
                + " the character itself): " + ALLOWED);
        String code = DrlText.code(text);
        found.declarations(IMPORT, code, m -> importable(squash(m.group(1))) ? null
                : "import " + squash(m.group(1)) + " is not allowed in rules: " + ALLOWED);
        found.declarations(GLOBAL, code, m -> isPlaybook(squash(m.group(1)), m.group(2)) ? null
                : "global " + squash(m.group(1)) + " " + m.group(2) + " is not allowed in rules (the one global is"
                + " Playbook playbook): " + ALLOWED);
        found.declarations(PACKAGE, code, m -> ownPackage(squash(m.group(1))) ? null
                : "package " + squash(m.group(1)) + " is not allowed in rules (it is a Java package; name the rule"
                + " package after its folder, e.g. churn): " + ALLOWED);
        found.names(QUALIFIED, code, m -> !PACKAGE_ROOTS.contains(m.group(1)) || allowedName(squash(m.group())) ? null
                : "'" + squash(m.group()) + "' is not allowed in rules: " + ALLOWED);
        found.names(CAPITALISED, code, m -> javaLangRefused(m.group(1))
                ? "'" + m.group(1) + "' is not allowed in rules: " + ALLOWED : null);
        // Members are checked everywhere, declarations included: an allowed prefix never clears what follows.
        found.scan(NAME, code, m -> MEMBERS_REFUSED.contains(m.group(1)) || isImplicit(code, m)
                ? "'" + m.group(1) + "' is not allowed in rules: " + ALLOWED : null);
        found.scan(CLASS_LITERAL, code, m -> "'.class' is not allowed in rules: " + ALLOWED);
        return found.list();
    }

    /** Findings by offset, one per place. */
    private static final class Findings {

        private final Map<Integer, String> byOffset = new TreeMap<>();
        private final List<int[]> declarations = new ArrayList<>();

        void scan(Pattern pattern, String text, Function<Matcher, String> judge) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                add(m, judge);
            }
        }

        /** Imports, globals, packages: judged whole, so the names in them are not reported a second time. */
        void declarations(Pattern pattern, String text, Function<Matcher, String> judge) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                declarations.add(new int[] {m.start(), m.end()});
                add(m, judge);
            }
        }

        /** Names outside the declarations already judged. */
        void names(Pattern pattern, String text, Function<Matcher, String> judge) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                int at = m.start();
                if (declarations.stream().noneMatch(r -> at >= r[0] && at < r[1])) {
                    add(m, judge);
                }
            }
        }

        private void add(Matcher m, Function<Matcher, String> judge) {
            String message = judge.apply(m);
            if (message != null) {
                byOffset.putIfAbsent(m.start(), message);
            }
        }

        List<Finding> list() {
            List<Finding> findings = new ArrayList<>();
            byOffset.forEach((offset, message) -> findings.add(new Finding(offset, message)));
            return findings;
        }
    }

    /** An import of the vocabulary, or of a type declared in another rule package. */
    private static boolean importable(String name) {
        return allowedName(name) || !PACKAGE_ROOTS.contains(name.split("\\.")[0]) && name.contains(".");
    }

    /** A qualified name (or import) inside the vocabulary: our facts, java.time, java.lang value types, BigDecimal. */
    private static boolean allowedName(String name) {
        if (name.startsWith(VOCABULARY + ".") || name.equals("java.time") || name.startsWith("java.time.")) {
            return true;
        }
        String[] parts = name.split("\\.");
        if (parts.length < 3 || !parts[0].equals("java")) {
            return false;
        }
        return parts[1].equals("lang") && VALUE_TYPES.contains(parts[2])
                || parts[1].equals("math") && JAVA_MATH.contains(parts[2]);
    }

    private static boolean isPlaybook(String type, String name) {
        return name.equals("playbook") && (type.equals("Playbook") || type.equals(VOCABULARY + ".Playbook"));
    }

    /**
     * A rule's package gives its code every class of that package without an import, so it must not be
     * a Java package: it may not start with the first segment of one (the class path's and the JDK's).
     */
    private static boolean ownPackage(String name) {
        return !PACKAGE_ROOTS.contains(name.split("\\.")[0]);
    }

    /** A java.lang class other than a value type: reachable by its simple name in every rule. */
    private static boolean javaLangRefused(String name) {
        if (VALUE_TYPES.contains(name)) {
            return false;
        }
        if (JAVA_LANG_REFUSED.contains(name)) {
            return true;
        }
        try {
            Class.forName("java.lang." + name, false, null);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean isImplicit(String code, Matcher m) {
        return IMPLICIT_REFUSED.contains(m.group(1)) && (m.start() == 0 || code.charAt(m.start() - 1) != '.');
    }

    private static String squash(String name) {
        return name.replaceAll("\\s+", "");
    }
}
