package dev.tenure.engine.mail;

import org.springframework.context.expression.MapAccessor;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.expression.AccessException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.SpelEvaluationException;
import org.springframework.expression.spel.SpelMessage;
import org.thymeleaf.engine.IterationStatusVar;
import org.thymeleaf.spring6.expression.SPELContextPropertyAccessor;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a rule set's template or task text is evaluated: it reads the model, which is maps, lists and plain values,
 * and nothing else. Thymeleaf's own evaluation context reads any public getter of whatever a template holds (a
 * text's {@code bytes}, a map's {@code class.name}), calls methods and beans and names types. The template check
 * refuses such text when the rules load; this refuses it when the template runs, whatever its text looked like (a
 * name declared by {@code th:with} or {@code th:each} holds anything its expression gave): the model's variables,
 * map entries (also as a {@code th:each} over a map gives them) and a {@code th:each} status are read, and no
 * method, constructor, type or bean is reached.
 */
final class ModelOnlyEvaluation {

    private final StaticApplicationContext noBeans = new StaticApplicationContext();

    /** A new evaluation context for one rendering: Thymeleaf sets what it holds per expression, so none is shared. */
    ThymeleafEvaluationContext context() {
        ThymeleafEvaluationContext context = new ThymeleafEvaluationContext(noBeans, null);
        context.setBeanResolver(null);
        // Thymeleaf's reader of the model's variables stays; its map reader, which also writes, and its reader of any
        // getter go.
        List<PropertyAccessor> readers = new ArrayList<>(context.getPropertyAccessors().stream()
                .filter(reader -> reader instanceof SPELContextPropertyAccessor).toList());
        readers.add(new MapReader());
        readers.add(new EachStatus());
        readers.add(new MapEntries());
        context.setPropertyAccessors(readers);
        context.setMethodResolvers(List.of());
        context.setConstructorResolvers(List.of());
        context.setTypeLocator(type -> {
            throw new SpelEvaluationException(SpelMessage.TYPE_NOT_FOUND, type);
        });
        return context;
    }

    /** Map entries, read only: {@code ${account.name = 'x'}} would otherwise change the model the rest of the email reads. */
    private static final class MapReader extends MapAccessor {

        @Override
        public boolean canWrite(EvaluationContext context, Object target, String name) {
            return false;
        }
    }

    /** An entry of a map a {@code th:each} goes over ({@code th:each="f : ${facts}"}, then {@code ${f.key}}, {@code ${f.value}}). */
    private static final class MapEntries extends ReadOnly {

        @Override
        public Class<?>[] getSpecificTargetClasses() {
            return new Class<?>[] {Map.Entry.class};
        }

        @Override
        public boolean canRead(EvaluationContext context, Object target, String name) {
            return target instanceof Map.Entry<?, ?> && (name.equals("key") || name.equals("value"));
        }

        @Override
        public TypedValue read(EvaluationContext context, Object target, String name) throws AccessException {
            Map.Entry<?, ?> entry = (Map.Entry<?, ?>) target;
            return new TypedValue(name.equals("key") ? entry.getKey() : entry.getValue());
        }
    }

    /** The status of a {@code th:each} ({@code th:each="task, s : ${tasks}"}, then {@code ${s.last}}), read field by field. */
    private static final class EachStatus extends ReadOnly {

        private static final Set<String> FIELDS = Set.of("index", "count", "size", "current", "even", "odd", "first", "last");

        @Override
        public Class<?>[] getSpecificTargetClasses() {
            return new Class<?>[] {IterationStatusVar.class};
        }

        @Override
        public boolean canRead(EvaluationContext context, Object target, String name) {
            return target instanceof IterationStatusVar && FIELDS.contains(name);
        }

        @Override
        public TypedValue read(EvaluationContext context, Object target, String name) throws AccessException {
            IterationStatusVar status = (IterationStatusVar) target;
            return new TypedValue(switch (name) {
                case "index" -> status.getIndex();
                case "count" -> status.getCount();
                case "size" -> status.getSize();
                case "current" -> status.getCurrent();
                case "even" -> status.isEven();
                case "odd" -> status.isOdd();
                case "first" -> status.isFirst();
                case "last" -> status.isLast();
                default -> throw new AccessException("'" + name + "' is not a field of a th:each status");
            });
        }
    }

    /** What a template reads, it does not write. */
    private abstract static class ReadOnly implements PropertyAccessor {

        @Override
        public boolean canWrite(EvaluationContext context, Object target, String name) {
            return false;
        }

        @Override
        public void write(EvaluationContext context, Object target, String name, Object newValue) throws AccessException {
            throw new AccessException("a template does not write");
        }
    }
}
