package dev.tenure.engine.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Reads YAML with Jackson (a tree, or a token stream of one's own) or as SnakeYAML's nodes, and tells a text that
 * cannot be read as an {@link UnreadableYaml} at its line. Both libraries tell a syntax error where it is, but not
 * the passing of their read limits (Jackson: more than 1000 levels of lists or maps within each other; SnakeYAML:
 * 50, or a text of more than 3 MB): such a failure is told where the parser had got to, which is where the
 * limit was passed. Jackson refuses a key given twice in one map, at the second: else the last one would quietly
 * win, and an author who wrote a field twice would not learn which one counts. Jackson hands an alias
 * ({@code *name}) over as the text of its name, and stops after the first document of a text: both are
 * refused where they are, else a value or a whole document would be read as something the author did not write.
 * It reads a tag other than YAML's own scalar ones ({@code !!java.net.URL}, {@code !!binary}) as nothing at all, so
 * such a tag is refused too: nothing is ever built from one, and an author must not believe otherwise (the health
 * model's reader refuses one as well). {@code !!str 0123} is kept: it is how a text that looks like a number is written.
 * Jackson reads YAML 1.1 numbers ({@code 0x50} as 80, {@code 010} as 8); one not in {@link YamlNumbers}' plain
 * decimals is handed over as the text written, so a field wanting a number refuses it instead of taking another one.
 */
public final class YamlReading {

    /** Reads what it needs from a parser; a failure it throws is told at its line like Jackson's own. */
    @FunctionalInterface
    public interface Read<T> {
        T from(JsonParser parser) throws IOException;
    }

    /** YAML's own scalar tags: {@code !!str 0123} keeps a text that would read as a number; nothing is built from them. */
    private static final Set<String> SCALAR_TAGS = Set.of("str", "int", "float", "bool", "null").stream()
            .map(t -> "tag:yaml.org,2002:" + t).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final YAMLFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper TREES = new ObjectMapper(YAML);

    private YamlReading() {
    }

    /** The tree of a YAML text; null for an empty one. */
    public static JsonNode tree(String text) throws UnreadableYaml {
        return read(text, TREES::readTree);
    }

    /** What {@code read} makes of a YAML text, from its token stream. */
    public static <T> T read(String text, Read<T> read) throws UnreadableYaml {
        try (OneDocumentWithoutAliases parser = new OneDocumentWithoutAliases(YAML.createParser(text))) {
            try {
                T value = read.from(parser);
                if (parser.started && parser.nextToken() != null) {
                    throw new JsonParseException(parser, "a file holds one YAML document; another begins here (after ---)");
                }
                return value;
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentTokenLocation();
                throw new UnreadableYaml(Math.max(at.getLineNr(), 0), e.getOriginalMessage(), e);
            }
        } catch (IOException e) {
            // Only a failure to close: a text in memory is never short of input.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Jackson's token stream, refusing an alias at its line, and handing over a number YAML 1.1 reads in a base other
     * than ten or with underscores ({@code 0x46}, {@code 010} as 8, {@code 0b11}, {@code 1_000}, {@code .inf}) as the
     * text written: a play's {@code npsAtLeast: 010} would otherwise be 8, and a title {@code 0x10} would read 16.
     */
    private static final class OneDocumentWithoutAliases extends JsonParserDelegate {

        /** Whether the reader took a token: a read that took none (an empty text) leaves nothing to look past. */
        private boolean started;
        /** The current token, a number written in another base given as {@code VALUE_STRING}. */
        private JsonToken current;

        OneDocumentWithoutAliases(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            current = asWrittenNumber(checked(super.nextToken()));
            return current;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            current = asWrittenNumber(checked(super.nextValue()));
            return current;
        }

        @Override
        public JsonParser skipChildren() throws IOException {
            super.skipChildren();
            current = delegate().currentToken();
            return this;
        }

        @Override
        public void clearCurrentToken() {
            super.clearCurrentToken();
            current = null;
        }

        @Override
        public JsonToken currentToken() {
            return current;
        }

        @Override
        @Deprecated
        public JsonToken getCurrentToken() {
            return current;
        }

        @Override
        public int currentTokenId() {
            return current == null ? JsonTokenId.ID_NO_TOKEN : current.id();
        }

        @Override
        @Deprecated
        public int getCurrentTokenId() {
            return currentTokenId();
        }

        @Override
        public boolean hasToken(JsonToken t) {
            return current == t;
        }

        @Override
        public boolean hasTokenId(int id) {
            return currentTokenId() == id;
        }

        @Override
        public boolean isExpectedNumberIntToken() {
            return current == JsonToken.VALUE_NUMBER_INT;
        }

        @Override
        public String getValueAsString() throws IOException {
            return current == JsonToken.VALUE_STRING ? getText() : super.getValueAsString();
        }

        @Override
        public String getValueAsString(String defaultValue) throws IOException {
            return current == JsonToken.VALUE_STRING ? getText() : super.getValueAsString(defaultValue);
        }

        private JsonToken asWrittenNumber(JsonToken token) throws IOException {
            if ((token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
                    && !YamlNumbers.isDecimal(getText())) {
                return JsonToken.VALUE_STRING;
            }
            return token;
        }

        private JsonToken checked(JsonToken token) throws IOException {
            started = true;
            if (delegate() instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw new JsonParseException(this, "YAML aliases (*" + getText() + ") are not supported; write the lines out");
            }
            Object tag = token == null || token.isStructEnd() ? null : delegate().getTypeId();
            if (tag != null && !SCALAR_TAGS.contains(tag.toString())) {
                throw new JsonParseException(this, "YAML tags (" + asWritten(tag.toString()) + ") are not supported; write the value alone",
                        currentTokenLocation());
            }
            return token;
        }
    }

    /** SnakeYAML's events, refusing an alias or a tag other than YAML's own scalar ones at its line. */
    private record WithoutAliasesOrTags(Parser parser) implements Parser {

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = parser.getEvent();
            if (event instanceof AliasEvent alias) {
                throw new ParserException(null, null, "YAML aliases (*" + alias.getAnchor() + ") are not supported; write the lines out",
                        event.getStartMark());
            }
            String tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                    : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
            if (tag != null && !SCALAR_TAGS.contains(tag)) {
                // SnakeYAML hands over a local tag as written (!custom), YAML's own in their namespace.
                String written = tag.startsWith("!") ? tag : asWritten(tag);
                throw new ParserException(null, null, "YAML tags (" + written + ") are not supported; write the value alone",
                        event.getStartMark());
            }
            return event;
        }
    }

    /** A tag as its author wrote it: the parser hands over {@code !!x} as YAML's own namespace and {@code x}. */
    private static String asWritten(String tag) {
        String yamlOwn = "tag:yaml.org,2002:";
        return tag.startsWith(yamlOwn) ? "!!" + tag.substring(yamlOwn.length()) : "!" + tag;
    }

    /**
     * SnakeYAML's nodes of a YAML text, which keep their lines; null for an empty one. An alias or a tag is refused
     * where it is written, as in a text read with Jackson: SnakeYAML would hand over the anchor's node, so a mistake in
     * it would be told at the anchor's line, and a tag of the author's own ({@code !custom}) would be dropped unsaid.
     */
    public static Node nodes(String text) throws UnreadableYaml {
        LoaderOptions options = new LoaderOptions();
        StreamReader reader = new StreamReader(text);
        try {
            return new Composer(new WithoutAliasesOrTags(new ParserImpl(reader, options)), new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            throw new UnreadableYaml(e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1, e.getProblem(), e);
        } catch (YAMLException e) {
            throw new UnreadableYaml(reader.getMark().getLine() + 1, e.getMessage(), e);
        }
    }
}
