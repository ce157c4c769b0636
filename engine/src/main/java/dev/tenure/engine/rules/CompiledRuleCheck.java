package dev.tenure.engine.rules;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sandbox by construction: reads every class Drools' executable model compiled a rule set into,
 * before any of it is loaded, and refuses the rule set unless each instruction keeps to
 * {@link CodeAllowlist}. Every part of a rule that runs is compiled code here (conditions, {@code from}
 * expressions, evals, accumulate arguments, consequences, DRL functions; in either dialect), so this
 * decides what a rule can do rather than what its text looks like.
 * <p>
 * A rule's own code must also end on its own: no backward jump (no loop of any kind), no call that can
 * come back to the caller (functions calling each other in a circle), no array whose size is not a small
 * constant, and a bounded number of string concatenations feeding each other (a chain of {@code s + s}
 * doubles a string every line). It may not synchronise, catch Errors, read fields other than constants,
 * write any field, or make lambdas and method references.
 */
final class CompiledRuleCheck {

    /** A refused instruction: in the code of a rule (or a function), or in the Drools glue of a package. */
    record CodeFinding(String pkg, String rule, String function, String message) {
    }

    /** The findings, and which rule each class (or {@code class#method}) of rule code belongs to. */
    record Result(List<CodeFinding> findings, Map<String, String> ruleOfCode) {
    }

    /** The largest array a rule's code may make (varargs of {@code List.of(...)}). */
    static final int MAX_ARRAY = 256;
    /**
     * How many times over a rule's code may multiply the length of the strings it was given, and how long a
     * string it may write out: searching a huge string for another runs in the JDK without a pause point.
     */
    static final long MAX_STRING_GROWTH = 16;
    static final int MAX_STRING_CONSTANT = 1_000;
    /**
     * How many function calls one piece of a rule's code may make, counting the calls of the functions it calls:
     * without loops or recursion, functions that each call the one before a few times still multiply into
     * billions of calls, which a replay (halted only between firings) would run for ever.
     */
    static final long MAX_CALLS = 1_000;

    private static final Pattern HASH = Pattern.compile("[0-9A-F]{32}");
    private static final String MODEL = "org/drools/model/Model";
    private static final String METADATA = "org/drools/model/DomainClassMetadata";
    private static final String HASHED = "org/drools/model/functions/HashedExpression";
    private static final String FUNCTIONS = "org/drools/model/functions/";
    private static final Set<String> MODEL_METHODS = Set.of("getName()Ljava/lang/String;", "getGlobals()Ljava/util/List;",
            "getTypeMetaDatas()Ljava/util/List;", "getRules()Ljava/util/List;", "getRulesList()Ljava/util/List;",
            "getQueries()Ljava/util/List;", "getEntryPoints()Ljava/util/List;");
    private static final Set<String> LAMBDA_SHELL = Set.of("<clinit>", "<init>", "values", "valueOf", "getExpressionHash",
            "predicateInformation");
    /** The interfaces of a consequence's lambda ({@code then}); predicates, {@code from} and bindings are conditions. */
    private static final String BLOCK = "org/drools/model/functions/Block";
    private static final String PLAYBOOK = "L" + CodeAllowlist.VOCABULARY.replace('.', '/') + "/Playbook;";
    private static final String GLOBAL = "Lorg/drools/model/Global;";
    private static final String DSL_PATTERN = "org/drools/modelcompiler/dsl/pattern/D";
    static final String PLAYBOOK_ONLY_IN_THEN = "the playbook may be used only in a rule's consequence (then): conditions"
            + " match facts, they neither start plays nor match the playbook";
    private static final String CONCAT = "java/lang/invoke/StringConcatFactory";
    private static final String LAMBDAS = "java/lang/invoke/LambdaMetafactory";

    private enum Kind { LAMBDA, RULES, RULE_METHODS, METADATA, PROJECT, UNKNOWN }

    /** Where code runs: a rule's own code, or Drools' generated glue (enum shells included). */
    private enum Context { RULE, GLUE }

    private final CodeAllowlist allowlist = new CodeAllowlist();

    /** Checks these classes (internal name to bytes); nothing of them is loaded. */
    Result check(Map<String, byte[]> classBytes) {
        Map<String, ClassNode> classes = new LinkedHashMap<>();
        classBytes.forEach((name, bytes) -> {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            classes.put(node.name, node);
        });
        Map<String, Kind> kinds = new HashMap<>();
        classes.values().forEach(c -> kinds.put(c.name, kind(c)));
        Owners owners = owners(classes, kinds);
        Run run = new Run(classes, kinds, owners);
        for (ClassNode c : classes.values()) {
            run.checkClass(c);
        }
        run.checkCalls();
        return new Result(List.copyOf(run.findings.values().stream().flatMap(List::stream).toList()), owners.ruleOfCode());
    }

    private static Kind kind(ClassNode c) {
        String simple = c.name.substring(c.name.lastIndexOf('/') + 1);
        if (c.name.startsWith("org/drools/project/model/ProjectModel")) {
            return Kind.PROJECT;
        }
        if (simple.startsWith("Rules") && HASH.matcher(simple.substring(5)).matches() && c.interfaces.contains(MODEL)) {
            return Kind.RULES;
        }
        if (simple.matches("Rules[0-9A-F]{32}RuleMethods\\d+") && c.superName.equals("java/lang/Object")) {
            return Kind.RULE_METHODS;
        }
        if (simple.matches("DomainClassesMetadata[0-9A-F]{32}") || simple.matches("DomainClassesMetadata[0-9A-F]{32}\\$\\w+")
                && c.interfaces.equals(List.of(METADATA))) {
            return Kind.METADATA;
        }
        if (simple.startsWith("Lambda") && c.superName.equals("java/lang/Enum") && c.interfaces.contains(HASHED)
                && c.interfaces.size() == 2 && c.interfaces.stream().allMatch(i -> i.startsWith(FUNCTIONS))) {
            return Kind.LAMBDA;
        }
        return Kind.UNKNOWN;
    }

    /** The code of each method: a rule's, or the glue's. Unknown classes are a rule's code, held to the strict list. */
    private static Context context(ClassNode c, Kind kind, MethodNode m) {
        boolean bridge = (m.access & Opcodes.ACC_BRIDGE) != 0;
        return switch (kind) {
            case LAMBDA -> LAMBDA_SHELL.contains(m.name) || bridge ? Context.GLUE : Context.RULE;
            case RULES -> m.name.equals("<clinit>") || m.name.equals("<init>") || MODEL_METHODS.contains(m.name + m.desc)
                    ? Context.GLUE : Context.RULE;
            case RULE_METHODS -> m.name.equals("<init>") || m.name.startsWith("rule_") && m.desc.equals("()Lorg/drools/model/Rule;")
                    ? Context.GLUE : Context.RULE;
            case METADATA, PROJECT -> Context.GLUE;
            case UNKNOWN -> Context.RULE;
        };
    }

    /** A DRL function: a static method of the package's Rules class that is not glue. */
    private static boolean isFunction(ClassNode c, Kind kind, MethodNode m) {
        return kind == Kind.RULES && context(c, kind, m) == Context.RULE && (m.access & Opcodes.ACC_STATIC) != 0
                && (m.access & Opcodes.ACC_SYNTHETIC) == 0;
    }

    /** Who owns each piece of code: the rules whose methods name a lambda class or a lambda body, and the functions. */
    private record Owners(Map<String, Set<String>> rulesOf, Map<String, String> functionOf) {

        Map<String, String> ruleOfCode() {
            Map<String, String> owner = new HashMap<>();
            rulesOf.forEach((code, rules) -> owner.put(code.replace('/', '.'), rules.iterator().next()));
            return Map.copyOf(owner);
        }
    }

    private static Owners owners(Map<String, ClassNode> classes, Map<String, Kind> kinds) {
        Map<String, Set<String>> rulesOf = new HashMap<>();
        Map<String, String> functionOf = new HashMap<>();
        for (ClassNode c : classes.values()) {
            for (MethodNode m : c.methods) {
                if (isFunction(c, kinds.get(c.name), m)) {
                    functionOf.put(c.name + "#" + m.name, m.name);
                }
                if (kinds.get(c.name) != Kind.RULE_METHODS || context(c, Kind.RULE_METHODS, m) != Context.GLUE
                        || m.name.equals("<init>")) {
                    continue;
                }
                String rule = ruleName(m);
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof FieldInsnNode f && kinds.containsKey(f.owner) && kinds.get(f.owner) != Kind.METADATA
                            && kinds.get(f.owner) != Kind.RULES) {
                        rulesOf.computeIfAbsent(f.owner, k -> new LinkedHashSet<>()).add(rule);
                    } else if (insn instanceof TypeInsnNode t && kinds.containsKey(t.desc)) {
                        rulesOf.computeIfAbsent(t.desc, k -> new LinkedHashSet<>()).add(rule);
                    } else if (insn instanceof InvokeDynamicInsnNode d) {
                        for (Object arg : d.bsmArgs) {
                            if (arg instanceof Handle h && classes.containsKey(h.getOwner())) {
                                rulesOf.computeIfAbsent(h.getOwner() + "#" + h.getName(), k -> new LinkedHashSet<>()).add(rule);
                            }
                        }
                    }
                }
            }
        }
        // Inner classes of a lambda (an anonymous class in a consequence) belong to its rules.
        for (ClassNode c : classes.values()) {
            int dollar = c.name.indexOf('$');
            if (dollar > 0 && rulesOf.containsKey(c.name.substring(0, dollar)) && !rulesOf.containsKey(c.name)) {
                rulesOf.put(c.name, rulesOf.get(c.name.substring(0, dollar)));
            }
        }
        return new Owners(rulesOf, functionOf);
    }

    /** The rule a generated {@code rule_...} method builds: the last two strings before {@code D.rule(package, name)}. */
    private static String ruleName(MethodNode m) {
        List<String> strings = new ArrayList<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LdcInsnNode l && l.cst instanceof String s) {
                strings.add(s);
            } else if (insn instanceof MethodInsnNode call && call.name.equals("rule")
                    && call.owner.equals("org/drools/modelcompiler/dsl/pattern/D") && !strings.isEmpty()) {
                return strings.get(strings.size() - 1);
            }
        }
        return m.name;
    }

    /** One check of a whole module. */
    private final class Run {

        private final Map<String, ClassNode> classes;
        private final Map<String, Kind> kinds;
        private final Owners owners;
        /** Findings by where they are told, one list per place, in order. */
        private final Map<String, List<CodeFinding>> findings = new LinkedHashMap<>();
        /** Calls from rule code to functions, for cycles; and each rule method's string growth. */
        private final Map<String, List<String>> calls = new HashMap<>();
        private final Map<String, Long> ownGrowth = new HashMap<>();

        Run(Map<String, ClassNode> classes, Map<String, Kind> kinds, Owners owners) {
            this.classes = classes;
            this.kinds = kinds;
            this.owners = owners;
        }

        void checkClass(ClassNode c) {
            Kind kind = kinds.get(c.name);
            if (kind == Kind.UNKNOWN) {
                refuse(c, null, "the rule set declares a class of its own (" + c.name.replace('/', '.')
                        + "): rules may use only the vocabulary");
                return;
            }
            boolean consequence = c.interfaces.stream().anyMatch(i -> i.startsWith(BLOCK));
            for (MethodNode m : c.methods) {
                Context context = context(c, kind, m);
                if (kind == Kind.LAMBDA && context == Context.RULE && !consequence && m.desc.contains(PLAYBOOK)) {
                    refuse(c, m, PLAYBOOK_ONLY_IN_THEN);
                }
                checkMethod(c, m, context);
            }
        }

        private void checkMethod(ClassNode c, MethodNode m, Context context) {
            String self = c.name + "#" + m.name;
            long growth = 1;
            if (context == Context.RULE) {
                for (TryCatchBlockNode handler : m.tryCatchBlocks) {
                    if (handler.type == null || !catchable(handler.type)) {
                        refuse(c, m, "catching " + (handler.type == null ? "everything (finally)" : readable(handler.type))
                                + " is not allowed in rules");
                    }
                }
            }
            int index = 0;
            Map<LabelNode, Integer> labels = new HashMap<>();
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof LabelNode l) {
                    labels.put(l, index);
                }
                index++;
            }
            index = 0;
            AbstractInsnNode previous = null;
            for (AbstractInsnNode insn : m.instructions) {
                int at = index++;
                if (insn.getOpcode() < 0) {
                    continue;
                }
                if (backward(insn, at, labels)) {
                    refuse(c, m, "a loop (while, for, do) is not allowed in rules: a rule must end on its own");
                }
                String problem = context == Context.RULE ? inRule(c, m, insn, previous) : inGlue(c, m, insn, previous);
                if (problem != null) {
                    refuse(c, m, problem);
                }
                if (context == Context.RULE && insn instanceof InvokeDynamicInsnNode d && d.bsm.getOwner().equals(CONCAT)) {
                    growth = times(growth, Math.max(1, Type.getArgumentTypes(d.desc).length));
                }
                if (context == Context.RULE && insn instanceof MethodInsnNode call && classes.containsKey(call.owner)) {
                    calls.computeIfAbsent(self, k -> new ArrayList<>()).add(call.owner + "#" + call.name);
                }
                previous = insn;
            }
            if (context == Context.RULE) {
                ownGrowth.put(self, growth);
            }
        }

        /** A rule's own code: the strict list. */
        private String inRule(ClassNode c, MethodNode m, AbstractInsnNode insn, AbstractInsnNode previous) {
            int op = insn.getOpcode();
            if (op == Opcodes.MONITORENTER || op == Opcodes.MONITOREXIT) {
                return "synchronized is not allowed in rules";
            }
            if (op == Opcodes.PUTFIELD || op == Opcodes.PUTSTATIC) {
                return "changing a field is not allowed in rules";
            }
            if (op == Opcodes.GETFIELD) {
                return "reading the field '" + ((FieldInsnNode) insn).name + "' is not allowed in rules";
            }
            if (insn instanceof MultiANewArrayInsnNode) {
                return "a multi-dimensional array is not allowed in rules";
            }
            if (op == Opcodes.NEWARRAY || op == Opcodes.ANEWARRAY) {
                if (!smallConstant(previous)) {
                    return "an array whose size is not a constant of at most " + MAX_ARRAY + " is not allowed in rules";
                }
                if (insn instanceof TypeInsnNode t) {
                    return typeInRule(t.desc);
                }
                return null;
            }
            if (insn instanceof TypeInsnNode t) {
                if (op == Opcodes.NEW && !allowlist.instantiableInRule(className(t.desc))) {
                    return "making a " + readable(t.desc) + " is not allowed in rules";
                }
                return op == Opcodes.NEW ? null : typeInRule(t.desc);
            }
            if (insn instanceof LdcInsnNode l) {
                if (l.cst instanceof String s && s.length() > MAX_STRING_CONSTANT) {
                    return "a string of more than " + MAX_STRING_CONSTANT + " characters is not allowed in rules";
                }
                return l.cst instanceof Type || l.cst instanceof Handle || !(l.cst instanceof String || l.cst instanceof Number)
                        ? "a class literal (.class) or constant of that kind is not allowed in rules" : null;
            }
            if (insn instanceof FieldInsnNode f) {
                return classes.containsKey(f.owner) ? "reading the rule set's generated field '" + f.name + "' is not allowed in rules"
                        : allowlist.fieldInRule(className(f.owner), f.name);
            }
            if (insn instanceof MethodInsnNode call) {
                if (classes.containsKey(call.owner)) {
                    return owners.functionOf().containsKey(call.owner + "#" + call.name) ? null
                            : "calling the rule set's generated method '" + call.name + "' is not allowed in rules";
                }
                if (call.getOpcode() == Opcodes.INVOKESPECIAL && call.name.equals("<init>")
                        && !allowlist.instantiableInRule(className(call.owner))) {
                    return "making a " + readable(call.owner) + " is not allowed in rules";
                }
                return allowlist.methodInRule(className(call.owner), call.name, call.desc);
            }
            if (insn instanceof InvokeDynamicInsnNode d) {
                return d.bsm.getOwner().equals(CONCAT) ? null
                        : "a lambda, method reference or other invokedynamic is not allowed in rules";
            }
            return null;
        }

        /** Drools' glue: only what the generated model and enum shells call, and rule bodies only as lambdas of this class. */
        private String inGlue(ClassNode c, MethodNode m, AbstractInsnNode insn, AbstractInsnNode previous) {
            int op = insn.getOpcode();
            if (op == Opcodes.MONITORENTER || op == Opcodes.MONITOREXIT || insn instanceof MultiANewArrayInsnNode) {
                return "Drools' generated code does something it never needs to (" + op + ")";
            }
            boolean valuesOfEnum = kinds.get(c.name) == Kind.LAMBDA && m.name.equals("values");
            if ((op == Opcodes.NEWARRAY || op == Opcodes.ANEWARRAY) && !valuesOfEnum && !smallConstant(previous)) {
                return "an array whose size is not a small constant is not allowed in generated rule code";
            }
            if (insn instanceof TypeInsnNode t) {
                return own(t.desc) || allowlist.typeInGlue(className(t.desc)) ? null : notInGlue(readable(t.desc));
            }
            if (insn instanceof LdcInsnNode l) {
                if (l.cst instanceof Type type) {
                    return type.getSort() == Type.OBJECT && (own(type.getInternalName())
                            || allowlist.typeInGlue(type.getClassName())) ? null : notInGlue(type.getClassName() + ".class");
                }
                return l.cst instanceof String || l.cst instanceof Number ? null : notInGlue("a constant " + l.cst);
            }
            if (insn instanceof FieldInsnNode f) {
                if (own(f.owner)) {
                    return (op == Opcodes.PUTSTATIC || op == Opcodes.PUTFIELD) && !f.owner.equals(c.name)
                            ? notInGlue("writing " + f.owner + "." + f.name) : null;
                }
                return op == Opcodes.GETSTATIC && allowlist.memberInGlue(className(f.owner), f.name) ? null
                        : notInGlue(readable(f.owner) + "." + f.name);
            }
            if (insn instanceof MethodInsnNode call) {
                if (call.owner.equals(DSL_PATTERN) && call.name.equals("from") && previous instanceof FieldInsnNode f
                        && f.desc.equals(GLOBAL)) {
                    return PLAYBOOK_ONLY_IN_THEN;
                }
                if (own(call.owner)) {
                    return owners.functionOf().containsKey(call.owner + "#" + call.name) || ruleCode(call.owner, call.name, call.desc)
                            && !call.owner.equals(c.name) ? notInGlue("a call of rule code at build time") : null;
                }
                return allowlist.memberInGlue(className(call.owner), call.name) ? null
                        : notInGlue(readable(call.owner) + "." + call.name);
            }
            if (insn instanceof InvokeDynamicInsnNode d) {
                return indyInGlue(c, d);
            }
            return null;
        }

        /** String concatenation, Drools' own accumulate functions by constructor, or a lambda whose body is rule code of this class. */
        private String indyInGlue(ClassNode c, InvokeDynamicInsnNode d) {
            if (d.bsm.getOwner().equals(CONCAT)) {
                return null;
            }
            if (d.bsm.getOwner().equals(LAMBDAS) && d.bsm.getName().equals("metafactory") && d.bsmArgs.length == 3
                    && d.bsmArgs[1] instanceof Handle target) {
                if (target.getTag() == Opcodes.H_NEWINVOKESPECIAL
                        && allowlist.accumulateFunction(className(target.getOwner()), target.getName())) {
                    return null;
                }
                if (target.getTag() == Opcodes.H_INVOKESTATIC && target.getOwner().equals(c.name)
                        && target.getName().startsWith("lambda$")) {
                    return null;
                }
                return "'" + readable(target.getOwner()) + "." + target.getName() + "' is not allowed in rules";
            }
            return notInGlue("an invokedynamic of " + readable(d.bsm.getOwner()) + "." + d.bsm.getName()
                    + " (an expression rules may not use, such as a dynamic salience)");
        }

        private boolean ruleCode(String owner, String name, String desc) {
            ClassNode c = classes.get(owner);
            return c.methods.stream().filter(m -> m.name.equals(name) && m.desc.equals(desc))
                    .anyMatch(m -> context(c, kinds.get(owner), m) == Context.RULE);
        }

        private boolean own(String internalName) {
            String element = internalName.startsWith("[") ? Type.getType(internalName).getElementType().getInternalName()
                    : internalName;
            return kinds.containsKey(element) && kinds.get(element) != Kind.UNKNOWN;
        }

        private String typeInRule(String internalName) {
            if (internalName.startsWith("[") ? Type.getType(internalName).getElementType().getSort() != Type.OBJECT : false) {
                return null;
            }
            return classes.containsKey(internalName) ? "the rule set's generated type " + readable(internalName)
                    + " is not allowed in rules" : allowlist.typeInRule(className(internalName));
        }

        /**
         * Functions that call each other in a circle could run for ever; string growth multiplies along calls, and
         * so does the number of calls itself.
         */
        void checkCalls() {
            Map<String, Long> total = new HashMap<>();
            for (String method : ownGrowth.keySet()) {
                growth(method, new LinkedHashSet<>(), total);
            }
            Map<String, Long> made = new HashMap<>();
            for (String method : ownGrowth.keySet()) {
                long n = callsMade(method, new HashSet<>(), made);
                String function = owners.functionOf().get(method);
                if (n > MAX_CALLS) {
                    findingAt(method, (function == null ? "this rule" : "function " + function) + " makes more than " + MAX_CALLS
                            + " function calls, counting the calls of the functions it calls (functions calling functions"
                            + " several times over): a rule must end within its time");
                }
            }
        }

        /** The function calls {@code method} makes, with those of its callees; a call back into the path (reported as recursion) counts once. */
        private long callsMade(String method, Set<String> path, Map<String, Long> made) {
            if (made.containsKey(method)) {
                return made.get(method);
            }
            if (!path.add(method)) {
                return 0;
            }
            long n = 0;
            for (String callee : calls.getOrDefault(method, List.of())) {
                n = plus(n, plus(1, callsMade(callee, path, made)));
            }
            path.remove(method);
            made.put(method, n);
            return n;
        }

        private long growth(String method, LinkedHashSet<String> path, Map<String, Long> total) {
            if (total.containsKey(method)) {
                return total.get(method);
            }
            if (!path.add(method)) {
                String function = owners.functionOf().get(method);
                findingAt(method, "function " + (function == null ? method : function)
                        + " calls itself (directly or through other functions): recursion is not allowed in rules");
                return 1;
            }
            long growth = ownGrowth.getOrDefault(method, 1L);
            for (String callee : calls.getOrDefault(method, List.of())) {
                growth = times(growth, growth(callee, path, total));
            }
            path.remove(method);
            total.put(method, growth);
            if (growth > MAX_STRING_GROWTH && !owners.functionOf().containsKey(method)) {
                findingAt(method, "this rule joins strings into strings more than " + MAX_STRING_GROWTH
                        + " times over (a + a + ...): a rule may not build strings without bound");
            } else if (growth > MAX_STRING_GROWTH) {
                findingAt(method, "function " + owners.functionOf().get(method) + " joins strings into strings more than "
                        + MAX_STRING_GROWTH + " times over: a rule may not build strings without bound");
            }
            return growth;
        }

        private void findingAt(String method, String message) {
            int hash = method.indexOf('#');
            ClassNode c = classes.get(method.substring(0, hash));
            MethodNode m = c.methods.stream().filter(x -> x.name.equals(method.substring(hash + 1))).findFirst().orElse(null);
            refuse(c, m, message);
        }

        /** Tells the finding at every rule the code belongs to, or at its function, or at its package. */
        private void refuse(ClassNode c, MethodNode m, String message) {
            String pkg = c.name.contains("/") ? c.name.substring(0, c.name.lastIndexOf('/')).replace('/', '.') : "";
            String function = m == null ? null : owners.functionOf().get(c.name + "#" + m.name);
            Set<String> rules = m == null ? null : owners.rulesOf().get(c.name + "#" + m.name);
            if (rules == null) {
                String outer = c.name.contains("$") ? c.name.substring(0, c.name.indexOf('$')) : c.name;
                rules = owners.rulesOf().getOrDefault(c.name, owners.rulesOf().get(outer));
            }
            if (m != null && kinds.get(c.name) == Kind.RULE_METHODS && m.name.startsWith("rule_")) {
                rules = Set.of(ruleName(m));
            }
            // A lambda class sits in a sub-package of its rules' package (churn/P39/...).
            if (kinds.get(c.name) == Kind.LAMBDA || c.name.matches(".*/P[0-9A-F]{2}/.*")) {
                pkg = pkg.contains(".") ? pkg.substring(0, pkg.lastIndexOf('.')) : pkg;
            }
            if (function != null || rules == null || rules.isEmpty()) {
                add(new CodeFinding(pkg, null, function, message));
                return;
            }
            for (String rule : rules) {
                add(new CodeFinding(pkg, rule, null, message));
            }
        }

        private void add(CodeFinding finding) {
            String where = finding.pkg() + "|" + finding.rule() + "|" + finding.function();
            List<CodeFinding> here = findings.computeIfAbsent(where, k -> new ArrayList<>());
            if (!here.contains(finding)) {
                here.add(finding);
            }
        }
    }

    private static boolean backward(AbstractInsnNode insn, int at, Map<LabelNode, Integer> labels) {
        if (insn instanceof JumpInsnNode j) {
            return labels.get(j.label) <= at;
        }
        if (insn instanceof TableSwitchInsnNode t) {
            return labels.get(t.dflt) <= at || t.labels.stream().anyMatch(l -> labels.get(l) <= at);
        }
        if (insn instanceof LookupSwitchInsnNode l) {
            return labels.get(l.dflt) <= at || l.labels.stream().anyMatch(x -> labels.get(x) <= at);
        }
        return false;
    }

    private static boolean smallConstant(AbstractInsnNode previous) {
        if (previous == null) {
            return false;
        }
        int op = previous.getOpcode();
        if (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) {
            return true;
        }
        if (previous instanceof IntInsnNode i && (op == Opcodes.BIPUSH || op == Opcodes.SIPUSH)) {
            return i.operand >= 0 && i.operand <= MAX_ARRAY;
        }
        return previous instanceof LdcInsnNode l && l.cst instanceof Integer n && n >= 0 && n <= MAX_ARRAY;
    }

    /** Exceptions only: catching an Error (StackOverflowError, OutOfMemoryError, a stop) would hide it. */
    private boolean catchable(String internalName) {
        try {
            return Exception.class.isAssignableFrom(Class.forName(className(internalName), false, getClass().getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static long plus(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    private static long times(long a, long b) {
        return a > Long.MAX_VALUE / Math.max(1, b) ? Long.MAX_VALUE : a * b;
    }

    private static String className(String internalName) {
        return internalName.replace('/', '.');
    }

    private static String readable(String internalName) {
        return CodeAllowlist.readable(className(internalName));
    }

    private static String notInGlue(String what) {
        return what + " is not allowed in rules (the rule uses something the sandbox does not allow)";
    }
}
