package dev.tenure.engine.mail;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a template's text with a model. Templates come from the rule set in memory, so the version
 * that started a play is the version that renders it; the model is plain maps, which Thymeleaf reads
 * as {@code ${account.name}}, and a rule set's text reads nothing else ({@link ModelOnlyEvaluation}).
 * Tenure's own templates (the weekly digest) are rendered apart, by {@link #renderOwn}, with engines of their own.
 */
@Component
public class EmailComposer {

    /** The model's name for a tech-touch email's one-click unsubscribe link. */
    public static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    /** The account's page in Tenure, in an email to the CSM. */
    public static final String ACCOUNT_URL = "accountUrl";

    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private final SpringTemplateEngine html = bounded(engine(TemplateMode.HTML));
    private final SpringTemplateEngine text = bounded(engine(TemplateMode.TEXT));
    /** Apart from the rule set's, so no expression Tenure's own template parsed is cached where the rule set's run. */
    private final SpringTemplateEngine own = engine(TemplateMode.HTML);
    private final ModelOnlyEvaluation modelOnly = new ModelOnlyEvaluation();

    /**
     * Renders an email. With an {@code unsubscribeUrl} in the model (a tech-touch email), a template that
     * does not show the link itself gets a small footer with it: every such email must carry one.
     */
    public RenderedEmail render(String template, Map<String, Object> model) {
        return rendered(html.process(template, modelOnly(model)), template, model);
    }

    /** Renders one of Tenure's own emails (not a rule set's), whose template may call methods of its model. */
    public RenderedEmail renderOwn(String template, Map<String, Object> model) {
        return rendered(own.process(template, new Context(null, model)), template, model);
    }

    private RenderedEmail rendered(String body, String template, Map<String, Object> model) {
        Matcher m = TITLE.matcher(body);
        String subject = m.find() ? m.group(1).replaceAll("\\s+", " ").strip() : "";
        Object unsubscribe = model.get(UNSUBSCRIBE_URL);
        if (unsubscribe == null) {
            return new RenderedEmail(unescape(subject), body);
        }
        String url = unsubscribe.toString();
        return new RenderedEmail(unescape(subject), template.contains(UNSUBSCRIBE_URL) ? body : withFooter(body, url), url);
    }

    private String withFooter(String body, String url) {
        String footer = html.process("<p style=\"font-size:12px;color:#777\">Don't want these emails? "
                + "<a th:href=\"${url}\">Unsubscribe</a>.</p>\n", new Context(null, Map.of("url", url)));
        int end = body.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return end < 0 ? body + footer : body.substring(0, end) + footer + body.substring(end);
    }

    /** Fills a one-line text such as a task title: {@code Call [[${account.name}]]}. */
    public String fill(String line, Map<String, Object> model) {
        return line == null ? null : text.process(line, modelOnly(model)).strip();
    }

    private Context modelOnly(Map<String, Object> model) {
        Context context = new Context(null, model);
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME, modelOnly.context());
        context.setVariable(BoundedEvaluation.RENDERING, new BoundedEvaluation.Rendering());
        return context;
    }

    private static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
    }

    /** A rule set's texts compute within bounds, whatever their text ({@link BoundedEvaluation}). */
    private static SpringTemplateEngine bounded(SpringTemplateEngine engine) {
        engine.setDialect(new BoundedEvaluation());
        return engine;
    }

    private static SpringTemplateEngine engine(TemplateMode mode) {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(mode);
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
