package dev.tenure.api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the REST API answers is its own: no handler's answer is, or holds (through record components, lists,
 * maps, pages), a type of the engine or the connectors, so renaming a fact or a record there cannot change the
 * JSON clients read; and every answer has a concrete type, never {@code ResponseEntity<?>} or {@code Object},
 * so the OpenAPI document describes it. Enums of the engine are allowed: their values are the vocabulary
 * (statuses, outcomes, segments) the database holds too. Free-form data (the fields of a matched fact) is
 * {@code Map<String, Object>}.
 */
class ResponseTypesTest {

    /** Handlers that still answer engine types or wildcards; each leaves this list once it answers types of its own. */
    static final Set<String> NOT_YET = Set.of();

    @Test
    void no_handler_answers_an_engine_type_or_a_wildcard() throws ClassNotFoundException {
        List<String> problems = new ArrayList<>();
        Set<Type> seen = new HashSet<>();
        for (Class<?> controller : controllers()) {
            for (Method method : controller.getDeclaredMethods()) {
                if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class)) {
                    continue;
                }
                String handler = controller.getSimpleName() + "." + method.getName();
                if (NOT_YET.contains(handler)) {
                    continue;
                }
                check(method.getGenericReturnType(), handler + " answers ", true, Map.of(), seen, problems);
            }
        }
        assertThat(problems).as("handlers answering engine types or wildcards").isEmpty();
        // The OpenAPI document names a schema by its record's simple name: two records of one name would be one schema.
        Map<String, List<String>> byName = new java.util.TreeMap<>();
        seen.stream().map(t -> (Class<?>) t).forEach(c -> byName.computeIfAbsent(schemaName(c), n -> new ArrayList<>()).add(c.getName()));
        byName.values().removeIf(classes -> classes.size() < 2);
        assertThat(byName).as("answer records sharing a schema name (give one @Schema(name = ...))").isEmpty();
    }

    private static String schemaName(Class<?> c) {
        io.swagger.v3.oas.annotations.media.Schema schema = c.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return schema != null && !schema.name().isBlank() ? schema.name() : c.getSimpleName();
    }

    @Test
    void the_check_sees_an_engine_record_inside_a_page_and_a_wildcard_answer() throws NoSuchMethodException {
        List<String> problems = new ArrayList<>();
        check(Examples.class.getDeclaredMethod("engineInside").getGenericReturnType(), "engineInside ", true, Map.of(), new HashSet<>(), problems);
        check(Examples.class.getDeclaredMethod("wildcard").getGenericReturnType(), "wildcard ", true, Map.of(), new HashSet<>(), problems);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("dev.tenure.engine.vocabulary.Account");
        assertThat(problems.get(1)).contains("?");
    }

    interface Examples {
        dev.tenure.api.paging.ApiPage<Wrapper> engineInside();

        org.springframework.http.ResponseEntity<?> wildcard();
    }

    record Wrapper(List<dev.tenure.engine.vocabulary.Account> accounts) {
    }

    private static void check(Type type, String path, boolean body, Map<TypeVariable<?>, Type> bindings, Set<Type> seen,
                              List<String> problems) {
        if (type instanceof TypeVariable<?> variable && bindings.containsKey(variable)) {
            check(bindings.get(variable), path, body, Map.of(), seen, problems);
            return;
        }
        if (type instanceof WildcardType || type instanceof TypeVariable<?>) {
            problems.add(path + type.getTypeName() + ": not a concrete type");
            return;
        }
        if (type instanceof GenericArrayType array) {
            check(array.getGenericComponentType(), path, false, bindings, seen, problems);
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (!(HttpEntity.class.isAssignableFrom(raw) || Iterable.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
                    || raw.isRecord())) {
                problems.add(path + type.getTypeName() + ": not a type the API knows how to describe");
            }
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw.isRecord()) {
                Map<TypeVariable<?>, Type> bound = new java.util.HashMap<>();
                for (int i = 0; i < arguments.length; i++) {
                    Type argument = arguments[i] instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : arguments[i];
                    bound.put(raw.getTypeParameters()[i], argument);
                }
                checkRecord(raw, path, bound, seen, problems);
                return;
            }
            for (Type argument : arguments) {
                boolean freeForm = Map.class.isAssignableFrom(raw) && argument == Object.class;
                if (!freeForm) {
                    check(argument, path + raw.getSimpleName() + "<", HttpEntity.class.isAssignableFrom(raw) && body, bindings, seen,
                            problems);
                }
            }
            return;
        }
        Class<?> c = (Class<?>) type;
        if (c == Object.class) {
            problems.add(path + "Object: not a concrete type");
            return;
        }
        if (c.isArray()) {
            check(c.getComponentType(), path, false, bindings, seen, problems);
            return;
        }
        String name = c.getName();
        if ((name.startsWith("dev.tenure.engine.") || name.startsWith("dev.tenure.connectors.")) && !c.isEnum()) {
            problems.add(path + name + ": a type of " + (name.startsWith("dev.tenure.engine.") ? "the engine" : "the connectors"));
            return;
        }
        if (HttpEntity.class.isAssignableFrom(c) && c.getTypeParameters().length > 0 && type == c) {
            problems.add(path + c.getSimpleName() + ": raw, its body's type unknown");
            return;
        }
        if (c.isRecord() && seen.add(c)) {
            checkRecord(c, path, Map.of(), seen, problems);
        }
    }

    private static void checkRecord(Class<?> c, String path, Map<TypeVariable<?>, Type> bindings, Set<Type> seen,
                                    List<String> problems) {
        for (RecordComponent component : c.getRecordComponents()) {
            check(component.getGenericType(), path + c.getSimpleName() + "." + component.getName() + ": ", false, bindings, seen,
                    problems);
        }
    }

    private static List<Class<?>> controllers() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("dev.tenure.api")) {
            found.add(Class.forName(definition.getBeanClassName()));
        }
        assertThat(found).as("REST controllers found").hasSizeGreaterThan(10);
        return found;
    }
}
