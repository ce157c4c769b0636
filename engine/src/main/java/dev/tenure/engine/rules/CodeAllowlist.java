package dev.tenure.engine.rules;

import org.objectweb.asm.Type;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the code a rule set compiles into may use, by the class that DECLARES each member (so
 * {@code Stage.getDeclaringClass()} is judged as {@code Enum.getDeclaringClass}, {@code name.getClass()}
 * as {@code Object.getClass}). Two lists: what a rule's own code may call (its conditions, evals,
 * accumulate arguments, {@code from} expressions, consequences and DRL functions), and the Drools glue
 * the executable model generates around it (building the rule model, the enum shells of its lambdas),
 * which is exactly what {@code CompiledRuleCheck} found the generated classes reference for the starter
 * rules and the DRL constructs the rules README documents. Anything not listed is refused.
 */
final class CodeAllowlist {

    static final String VOCABULARY = "dev.tenure.engine.vocabulary";

    /** Types a rule's code may name: cast to, test with instanceof, make arrays of. */
    private static final Set<String> VALUE_TYPES = Set.of("java.lang.Object", "java.lang.String", "java.lang.CharSequence",
            "java.lang.Comparable", "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Short",
            "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Boolean", "java.lang.Character",
            "java.lang.Iterable", "java.math.BigDecimal", "java.math.BigInteger", "java.util.Collection", "java.util.List",
            "java.util.Set", "java.util.Map", "java.util.Map$Entry", "java.util.Iterator");

    private static final Set<String> OBJECT = Set.of("equals", "hashCode", "toString", "<init>");
    private static final Set<String> ENUM = Set.of("name", "ordinal", "compareTo", "equals", "hashCode", "toString");
    /** String methods whose result is no longer than their inputs; no regular expressions, no repeat, no format. */
    private static final Set<String> STRING = Set.of("length", "isEmpty", "isBlank", "charAt", "codePointAt", "contains",
            "contentEquals", "startsWith", "endsWith", "equals", "equalsIgnoreCase", "compareTo", "compareToIgnoreCase",
            "indexOf", "lastIndexOf", "substring", "subSequence", "toLowerCase", "toUpperCase", "trim", "strip",
            "stripLeading", "stripTrailing", "valueOf", "hashCode", "toString", "replace (CC)Ljava/lang/String;");
    /** Boxed numbers; not getInteger/getLong/getBoolean, which read system properties. */
    private static final Set<String> NUMBER = Set.of("valueOf", "parseInt", "parseLong", "parseShort", "parseByte",
            "parseDouble", "parseFloat", "parseBoolean", "intValue", "longValue", "doubleValue", "floatValue", "shortValue",
            "byteValue", "booleanValue", "charValue", "compare", "compareTo", "equals", "hashCode", "toString", "min", "max",
            "sum", "signum", "isNaN", "isInfinite", "isFinite", "logicalAnd", "logicalOr", "logicalXor", "isDigit",
            "isLetter", "isLetterOrDigit", "isWhitespace", "isUpperCase", "isLowerCase", "toUpperCase", "toLowerCase");
    /** Comparing and adding amounts; not pow, setScale, movePoint..., toPlainString: those grow without bound. */
    private static final Set<String> BIG = Set.of("compareTo", "signum", "doubleValue", "floatValue", "equals", "hashCode",
            "toString", "add", "subtract", "negate", "abs", "min", "max", "scale", "precision",
            "valueOf (J)Ljava/math/BigDecimal;", "valueOf (D)Ljava/math/BigDecimal;", "valueOf (J)Ljava/math/BigInteger;");
    /** Reading a collection: no adding, removing, sorting, streams or callbacks. */
    private static final Set<String> READ_ONLY_COLLECTION = Set.of("size", "isEmpty", "contains", "containsAll", "get",
            "getOrDefault", "containsKey", "containsValue", "indexOf", "lastIndexOf", "keySet", "values", "entrySet",
            "iterator", "hasNext", "next", "getKey", "getValue", "equals", "hashCode", "subList", "of");
    private static final Set<String> OBJECTS = Set.of("equals", "hash", "hashCode", "isNull", "nonNull", "toString",
            "requireNonNullElse");
    private static final Set<String> CHAR_SEQUENCE = Set.of("length", "charAt", "isEmpty", "toString", "subSequence", "compareTo");
    /** Exceptions a rule may throw; what they say never leaves the evaluation (see RuleEvaluationException). */
    private static final Set<String> EXCEPTIONS = Set.of("java.lang.RuntimeException", "java.lang.IllegalArgumentException",
            "java.lang.IllegalStateException", "java.lang.UnsupportedOperationException", "java.lang.ArithmeticException");
    /** The comparisons the executable model writes constraints with ({@code ==}, {@code <}, ... on boxed values). */
    private static final String EVALUATION_UTIL = "org.drools.modelcompiler.util.EvaluationUtil";
    private static final String DSL = "org.drools.modelcompiler.dsl.pattern.D";
    private static final String MODEL_DSL = "org.drools.model.DSL";
    private static final String OPERATOR_EVAL = "eval (Lorg/drools/model/functions/Operator;Ljava/lang/Object;[Ljava/lang/Object;)Z";
    /** DRL's operators ({@code contains}, {@code in}, {@code str[startsWith]}, ...); not matches: a regular expression can run for ever. */
    private static final String OPERATORS = "org.drools.model.operators.";
    private static final Set<String> REFUSED_OPERATORS = Set.of("MatchesOperator");

    /**
     * The Drools glue: what the generated rule model, its metadata and the enum shells of its lambdas call,
     * member by member (owner: names; {@code *} for the constants of an enum or option class).
     */
    private static final Map<String, Set<String>> GLUE = Map.ofEntries(
            Map.entry(DSL, Set.of("rule", "pattern", "declarationOf", "globalOf", "on", "not", "exists", "forall", "and",
                    "or", "accumulate", "accFunction", "from", "expr", "alphaIndexedBy", "betaIndexedBy", "valueOf", "supply", "execute")),
            Map.entry("org.drools.model.PatternDSL$PatternDef", Set.of("expr", "bind", "passive")),
            Map.entry("org.drools.model.impl.RuleBuilder", Set.of("build", "attribute")),
            Map.entry("org.drools.model.functions.accumulate.AccumulateFunction", Set.of("as")),
            Map.entry("org.drools.model.DomainClassMetadata", Set.of("getPropertyIndex")),
            Map.entry("org.drools.model.Index$ConstraintType", Set.of("*")),
            Map.entry("org.drools.model.Rule$Attribute", Set.of("SALIENCE", "NO_LOOP", "LOCK_ON_ACTIVE", "ACTIVATION_GROUP",
                    "AGENDA_GROUP", "RULEFLOW_GROUP", "AUTO_FOCUS", "ENABLED")),
            Map.entry("org.drools.model.functions.PredicateInformation", Set.of("<init>", "addRuleNames", "setMoreThanMaxRuleDefs")),
            Map.entry("org.drools.util.DateUtils", Set.of("getDateFormatMask")),
            Map.entry("java.time.format.DateTimeFormatterBuilder", Set.of("<init>", "parseCaseInsensitive", "appendPattern",
                    "toFormatter")),
            Map.entry("java.util.Locale", Set.of("ENGLISH")),
            Map.entry("java.util.ArrayList", Set.of("<init>")),
            Map.entry("java.util.List", Set.of("add")),
            Map.entry("java.util.Arrays", Set.of("asList")),
            Map.entry("java.util.Collections", Set.of("emptyList")),
            Map.entry("java.lang.String", Set.of("equals", "hashCode")),
            Map.entry("java.lang.Object", Set.of("<init>")),
            Map.entry("java.lang.RuntimeException", Set.of("<init>")),
            Map.entry("java.lang.IllegalArgumentException", Set.of("<init>")),
            Map.entry("java.lang.Enum", Set.of("<init>", "valueOf")),
            Map.entry("java.lang.System", Set.of("arraycopy")),
            Map.entry("java.lang.Integer", Set.of("valueOf", "TYPE")),
            Map.entry("java.lang.Long", Set.of("valueOf", "TYPE")),
            Map.entry("java.lang.Double", Set.of("valueOf", "TYPE")),
            Map.entry("java.lang.Short", Set.of("valueOf", "TYPE")),
            Map.entry("java.lang.Byte", Set.of("valueOf", "TYPE")),
            Map.entry("java.lang.Float", Set.of("valueOf", "TYPE")),
            Map.entry("java.lang.Boolean", Set.of("valueOf", "TYPE")),
            Map.entry("java.lang.Character", Set.of("valueOf", "TYPE")),
            Map.entry("java.math.BigDecimal", Set.of("<init>")),
            // The project model: which KieBase and session the module has.
            Map.entry("org.kie.api.KieServices", Set.of("get", "newKieModuleModel")),
            Map.entry("org.kie.api.builder.model.KieModuleModel", Set.of("newKieBaseModel")),
            Map.entry("org.kie.api.builder.model.KieBaseModel", Set.of("addPackage", "newKieSessionModel", "setDefault",
                    "setEventProcessingMode", "setMutability")),
            Map.entry("org.kie.api.builder.model.KieSessionModel", Set.of("setClockType", "setDefault", "setType")),
            Map.entry("org.kie.api.builder.model.KieSessionModel$KieSessionType", Set.of("*")),
            Map.entry("org.kie.api.conf.EventProcessingOption", Set.of("*")),
            Map.entry("org.kie.api.conf.KieBaseMutabilityOption", Set.of("*")),
            Map.entry("org.kie.api.runtime.conf.ClockTypeOption", Set.of("get")),
            Map.entry("org.kie.util.maven.support.ReleaseIdImpl", Set.of("<init>")));
    /** {@code D.on(...).execute(consequence)}: one builder class per number of variables the consequence takes. */
    private static final String CONSEQUENCE_BUILDER = "org.drools.model.consequences.ConsequenceBuilder$_";
    /** Drools' own accumulate functions, which the glue names by constructor ({@code sum}, {@code count}, ...). */
    private static final String ACCUMULATORS = "org.drools.core.base.accumulators.";
    private static final Set<String> GLUE_TYPE_PREFIXES = Set.of("org.drools.model.", "java.util.ArrayList",
            "java.time.format.DateTimeFormatterBuilder", "java.lang.RuntimeException", "java.lang.IllegalArgumentException",
            "org.kie.util.maven.support.ReleaseIdImpl");

    private final ClassLoader loader = CodeAllowlist.class.getClassLoader();

    /** A type a rule's code may name, or null when allowed; otherwise why not. */
    String typeInRule(String className) {
        String element = elementType(className);
        if (element == null || isValueType(element)) {
            return null;
        }
        return "the type " + readable(element) + " is not allowed in rules";
    }

    /** A type the Drools glue may name. */
    boolean typeInGlue(String className) {
        String element = elementType(className);
        return element == null || isValueType(element) || GLUE_TYPE_PREFIXES.stream().anyMatch(element::startsWith);
    }

    /** May a rule's code make an object of this class (then call its constructor)? */
    boolean instantiableInRule(String className) {
        return inVocabulary(className) || EXCEPTIONS.contains(className) || className.equals("java.lang.Object");
    }

    /** Why a rule's code may not call this method, or null when it may; judged by the class that declares it. */
    String methodInRule(String owner, String name, String descriptor) {
        Optional<Class<?>> declaring = declaringClassOfMethod(owner, name, descriptor);
        if (declaring.isEmpty()) {
            return "'" + readable(owner) + "." + name + "' is not allowed in rules";
        }
        Class<?> c = declaring.get();
        return methodAllowed(c, name, descriptor) ? null : "'" + c.getName() + "." + name + "' is not allowed in rules";
    }

    /** Why a rule's code may not read this static field, or null when it may. */
    String fieldInRule(String owner, String name) {
        Optional<Field> field = field(owner, name);
        if (field.isPresent()) {
            Field f = field.get();
            Class<?> c = f.getDeclaringClass();
            boolean constant = Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
                    && Modifier.isPublic(f.getModifiers()) && f.getType() != Class.class;
            String pkg = c.getPackageName();
            if (constant && (pkg.equals(VOCABULARY) || isJavaTime(pkg) || isValueType(c.getName())
                    || c.getName().startsWith(OPERATORS) && !REFUSED_OPERATORS.contains(c.getSimpleName()))) {
                return null;
            }
        }
        return "'" + readable(owner) + "." + name + "' is not allowed in rules";
    }

    /** May the Drools glue call or read this member? */
    boolean memberInGlue(String owner, String name) {
        if (owner.startsWith(CONSEQUENCE_BUILDER) && name.equals("execute")) {
            return true;
        }
        Set<String> names = GLUE.get(owner);
        return names != null && (names.contains(name) || names.contains("*"));
    }

    /** A constructor the glue may hand to Drools as an accumulate function ({@code LongSumAccumulateFunction::new}). */
    boolean accumulateFunction(String owner, String name) {
        return owner.startsWith(ACCUMULATORS) && owner.endsWith("AccumulateFunction") && name.equals("<init>");
    }

    private boolean methodAllowed(Class<?> c, String name, String descriptor) {
        String pkg = c.getPackageName();
        String cn = c.getName();
        String signed = name + " " + descriptor;
        if (pkg.equals(VOCABULARY)) {
            return true;
        }
        if (cn.equals("java.lang.Object")) {
            return OBJECT.contains(name);
        }
        if (cn.equals("java.lang.Enum")) {
            return ENUM.contains(name);
        }
        if (cn.equals("java.lang.String")) {
            return STRING.contains(name) && !name.equals("replace") || STRING.contains(signed);
        }
        if (Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double",
                "java.lang.Float", "java.lang.Boolean", "java.lang.Character", "java.lang.Number").contains(cn)) {
            return NUMBER.contains(name);
        }
        if (cn.equals("java.lang.Math") || cn.equals("java.lang.StrictMath")) {
            return true;
        }
        if (cn.equals("java.lang.CharSequence") || cn.equals("java.lang.Comparable")) {
            return CHAR_SEQUENCE.contains(name);
        }
        if (cn.equals("java.math.BigDecimal") || cn.equals("java.math.BigInteger")) {
            return BIG.contains(name) && !name.equals("valueOf") || BIG.contains(signed);
        }
        if (isJavaTime(pkg)) {
            // Rules get the moment of the evaluation from Today; reading the clock (a Clock, or the InstantSource it
            // implements) or the machine's time zone would make scenarios irreproducible.
            return !isClock(cn) && !name.equals("now") && !name.equals("datesUntil") && !name.equals("systemDefault");
        }
        if (Set.of("java.util.Collection", "java.util.List", "java.util.Set", "java.util.Map", "java.util.Map$Entry",
                "java.util.Iterator", "java.lang.Iterable").contains(cn)) {
            return READ_ONLY_COLLECTION.contains(name);
        }
        if (cn.equals("java.util.Objects")) {
            return OBJECTS.contains(name);
        }
        if (EXCEPTIONS.contains(cn)) {
            return name.equals("<init>");
        }
        if (cn.equals(EVALUATION_UTIL)) {
            return !name.equals("adaptBitMask") && !name.equals("<init>");
        }
        // D.eval is inherited: the generated code calls DSL's. Only the overload taking an Operator, which the code
        // reads from a constant of org.drools.model.operators (matches refused there); the one taking the operator's
        // name would let matches back in as a string.
        return (cn.equals(DSL) || cn.equals(MODEL_DSL)) && signed.equals(OPERATOR_EVAL);
    }

    private static boolean isJavaTime(String pkg) {
        return pkg.equals("java.time") || pkg.equals("java.time.temporal");
    }

    private static boolean inVocabulary(String className) {
        return className.startsWith(VOCABULARY + ".") && className.indexOf('.', VOCABULARY.length() + 1) < 0;
    }

    private static boolean isValueType(String className) {
        return inVocabulary(className) || VALUE_TYPES.contains(className)
                || className.startsWith("java.time.") && isJavaTime(className.substring(0, className.lastIndexOf('.')))
                && !isClock(className);
    }

    private static boolean isClock(String className) {
        return className.equals("java.time.Clock") || className.equals("java.time.InstantSource");
    }

    /** The class of an array's elements, or the class itself; null for primitives. */
    private static String elementType(String className) {
        Type type = className.startsWith("[") ? Type.getType(className.replace('.', '/')).getElementType()
                : Type.getObjectType(className.replace('.', '/'));
        return type.getSort() == Type.OBJECT ? type.getClassName() : null;
    }

    /** The class declaring the method a call names: the owner, a superclass or an interface (or Object, for interfaces). */
    private Optional<Class<?>> declaringClassOfMethod(String owner, String name, String descriptor) {
        Optional<Class<?>> start = load(owner);
        if (start.isEmpty()) {
            return Optional.empty();
        }
        if (name.equals("<init>")) {
            return start;
        }
        Deque<Class<?>> toSee = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        toSee.add(start.get());
        while (!toSee.isEmpty()) {
            Class<?> c = toSee.poll();
            if (!seen.add(c)) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(descriptor) && !m.isSynthetic()) {
                    return Optional.of(c);
                }
            }
            if (c.getSuperclass() != null) {
                toSee.add(c.getSuperclass());
            }
            toSee.addAll(Arrays.asList(c.getInterfaces()));
            if (c.isInterface()) {
                toSee.add(Object.class);
            }
        }
        return Optional.empty();
    }

    private Optional<Field> field(String owner, String name) {
        Optional<Class<?>> c = load(owner);
        for (Class<?> k = c.orElse(null); k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** Loads without initialising: nothing of the class runs. */
    private Optional<Class<?>> load(String className) {
        try {
            return Optional.of(Class.forName(className, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    static String readable(String className) {
        return className.startsWith(VOCABULARY + ".") ? className.substring(VOCABULARY.length() + 1) : className;
    }
}
