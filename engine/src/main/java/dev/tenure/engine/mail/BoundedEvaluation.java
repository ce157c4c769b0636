package dev.tenure.engine.mail;

import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.spring6.dialect.SpringStandardDialect;
import org.thymeleaf.spring6.expression.SPELVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;

/**
 * How much a rule set's template may compute in one rendering, whatever its text: every value it reads is
 * read by a {@code ${...}}, so each of those is counted and none may give a text longer than {@link #MAX_TEXT}.
 * SpEL bounds its own {@code +} so, but Thymeleaf's ({@code th:with="a=${account.name} + ${account.name},
 * b=${a} + ${a}, ..."}) doubles a text per name up to an OutOfMemoryError; nested {@code th:each} over the
 * model's maps multiply into billions of iterations, and a long text printed in each pass of a loop fills an
 * email of gigabytes; so a rendering also has a bound on the text all its expressions give. A rendering that goes
 * past any bound fails, and its step says why, as for any template that cannot be filled in.
 */
final class BoundedEvaluation extends SpringStandardDialect {

    /** The longest text one {@code ${...}} of a template may give: SpEL's own bound for a concatenation. */
    static final int MAX_TEXT = 100_000;
    /** How many {@code ${...}} one rendering may evaluate, counting each pass of a th:each. */
    static final int MAX_EVALUATIONS = 10_000;
    /**
     * How many characters of text all the {@code ${...}} of one rendering may give together: an email is a few
     * kilobytes, and a long text printed in each pass of a loop would otherwise stay under both bounds above.
     */
    static final int MAX_RENDERED = 1_000_000;

    /** The variable holding a rendering's count; a name no path can read ({@code -} is an operator there). */
    static final String RENDERING = "tenure-rendering";

    private static final IStandardVariableExpressionEvaluator BOUNDED = BoundedEvaluation::evaluate;

    @Override
    public IStandardVariableExpressionEvaluator getVariableExpressionEvaluator() {
        return BOUNDED;
    }

    /** One rendering's count of evaluations and of the text they gave: a new one for each. */
    static final class Rendering {

        private int evaluations;
        private long characters;

        /** Counts one evaluation; false once there have been more than the bound. */
        boolean evaluated() {
            return ++evaluations <= MAX_EVALUATIONS;
        }

        /** Counts the text one evaluation gave; false once all of them gave more than the bound. */
        boolean gave(CharSequence text) {
            characters += text.length();
            return characters <= MAX_RENDERED;
        }
    }

    private static Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
                                   StandardExpressionExecutionContext how) {
        if (context.getVariable(RENDERING) instanceof Rendering rendering && !rendering.evaluated()) {
            throw new TemplateProcessingException("the template evaluates more than " + MAX_EVALUATIONS
                    + " expressions in one rendering (th:each inside th:each?)");
        }
        Object value = SPELVariableExpressionEvaluator.INSTANCE.evaluate(context, expression, how);
        if (value instanceof CharSequence text) {
            if (text.length() > MAX_TEXT) {
                throw new TemplateProcessingException("${" + expression.getExpression() + "} gives a text of more than "
                        + MAX_TEXT + " characters");
            }
            if (context.getVariable(RENDERING) instanceof Rendering rendering && !rendering.gave(text)) {
                throw new TemplateProcessingException("the template's expressions give more than " + MAX_RENDERED
                        + " characters in one rendering (a long text printed in a loop?)");
            }
        }
        return value;
    }
}
