package dev.tenure.engine.mail;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a template's text with a model. Templates come from the rule set in memory, so the version
 * that started a play is the version that renders it; the model is plain maps, which Thymeleaf reads
 * as {@code ${account.name}}.
 */
@Component
public class EmailComposer {

    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private final SpringTemplateEngine html = engine(TemplateMode.HTML);
    private final SpringTemplateEngine text = engine(TemplateMode.TEXT);

    public RenderedEmail render(String template, Map<String, Object> model) {
        String body = html.process(template, new Context(null, model));
        Matcher m = TITLE.matcher(body);
        String subject = m.find() ? m.group(1).replaceAll("\\s+", " ").strip() : "";
        return new RenderedEmail(unescape(subject), body);
    }

    /** Fills a one-line text such as a task title: {@code Call [[${account.name}]]}. */
    public String fill(String line, Map<String, Object> model) {
        return line == null ? null : text.process(line, new Context(null, model)).strip();
    }

    private static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
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
