package dev.tenure.engine.health;

import dev.tenure.engine.bounds.RecordBounds;
import dev.tenure.engine.yaml.UnreadableYaml;
import dev.tenure.engine.yaml.YamlNumbers;
import dev.tenure.engine.yaml.YamlReading;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code rules/health.yml}: 3–5 components, each with a name, an input from {@link #INPUTS}, a weight
 * and its input's parameters, and the bands. Every problem names the file, the line and the field, so a
 * broken model refuses its rule set like a DRL error. The YAML is read as nodes (not a tree) because only
 * nodes keep their lines.
 */
public final class HealthModelFile {

    /** The inputs a component may name, in the order the documentation lists them. */
    public static final List<String> INPUTS = List.of("usageTrend", "keyFeatureAdoption", "supportLoad", "billing",
            "sentiment", "relationship");
    private static final int MIN_COMPONENTS = 3;
    private static final int MAX_COMPONENTS = 5;
    /**
     * Key features of an adoption component: every score of every account names the adopted ones in its reason, and
     * 50 ids of at most {@link RecordBounds#ID_LENGTH} characters keep that reason to about a free text's size
     * ({@link RecordBounds#TEXT_LENGTH}, and some 150 characters of words and commas).
     */
    static final int MAX_FEATURES = 50;
    /** Weights are read as written (fractions or percentages); rounding in an editor must not refuse a file. */
    private static final double WEIGHT_TOLERANCE = 1e-6;

    private HealthModelFile() {
    }

    /** The model, or null with the reasons added to {@code problems}. */
    public static HealthModel parse(String file, String content, String version, List<HealthFileProblem> problems) {
        Node root;
        try {
            root = YamlReading.nodes(content);
        } catch (UnreadableYaml e) {
            problems.add(new HealthFileProblem(file, e.line(), "not readable as YAML: " + e.reason()));
            return null;
        }
        Reader reader = new Reader(file, problems);
        if (!(root instanceof MappingNode map)) {
            problems.add(new HealthFileProblem(file, root == null ? 1 : line(root),
                    "a health model is a YAML map with bands and components"));
            return null;
        }
        int before = problems.size();
        Map<String, NodeTuple> top = reader.keys(map, Set.of("bands", "components"), "health.yml");
        HealthBands bands = reader.bands(top.get("bands"), line(map));
        List<WeightedInput> components = reader.components(top.get("components"), line(map));
        return problems.size() > before ? null : new HealthModel(version, components, bands);
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** Reads the parts of the file, adding each problem with its line. */
    private record Reader(String file, List<HealthFileProblem> problems) {

        void problem(Node at, String message) {
            problems.add(new HealthFileProblem(file, line(at), message));
        }

        /** The keys of a map, each problem of an unknown one at its line. */
        Map<String, NodeTuple> keys(MappingNode map, Set<String> allowed, String what) {
            Map<String, NodeTuple> keys = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null || !allowed.contains(key)) {
                    problem(t.getKeyNode(), what + ": '" + key + "' is not a field here; use " + String.join(", ",
                            allowed.stream().sorted().toList()));
                } else if (keys.put(key, t) != null) {
                    problem(t.getKeyNode(), what + ": '" + key + "' is given twice");
                }
            }
            return keys;
        }

        HealthBands bands(NodeTuple bands, int fileLine) {
            if (bands == null) {
                problems.add(new HealthFileProblem(file, fileLine, "bands is missing: bands: { good: 70, average: 50 }"));
                return null;
            }
            if (!(bands.getValueNode() instanceof MappingNode map)) {
                problem(bands.getValueNode(), "bands must be a map: bands: { good: 70, average: 50 }");
                return null;
            }
            Map<String, NodeTuple> keys = keys(map, Set.of("good", "average"), "bands");
            Double good = number(keys.get("good"), "bands.good", map, 0, 100, true);
            Double average = number(keys.get("average"), "bands.average", map, 0, 100, true);
            if (good == null || average == null) {
                return null;
            }
            if (average >= good) {
                problem(keys.get("average").getValueNode(), "bands.average (" + fmt(average)
                        + ") must be below bands.good (" + fmt(good) + ")");
                return null;
            }
            // A score is a whole number: a band from 70.2 starts at 71, so the two must not start at the same one.
            if (Math.ceil(average) >= Math.ceil(good)) {
                problem(keys.get("average").getValueNode(), "bands.average (" + fmt(average) + ") and bands.good ("
                        + fmt(good) + ") leave no whole score for AVERAGE; scores are whole numbers, so give average at most "
                        + fmt(Math.ceil(good) - 1));
                return null;
            }
            return new HealthBands((int) Math.ceil(good), (int) Math.ceil(average));
        }

        List<WeightedInput> components(NodeTuple components, int fileLine) {
            if (components == null) {
                problems.add(new HealthFileProblem(file, fileLine, "components is missing: a list of 3 to 5 components"));
                return List.of();
            }
            Node listNode = components.getValueNode();
            if (!(listNode instanceof SequenceNode list)) {
                problem(listNode, "components must be a list of 3 to 5 components");
                return List.of();
            }
            if (list.getValue().size() < MIN_COMPONENTS || list.getValue().size() > MAX_COMPONENTS) {
                problem(components.getKeyNode(), "components: " + list.getValue().size()
                        + " given; a health model has 3 to 5 components");
                if (list.getValue().size() > MAX_COMPONENTS) {
                    // Read item by item, a file's worth of them would add a problem or more each.
                    return List.of();
                }
            }
            List<WeightedInput> read = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Node node : list.getValue()) {
                WeightedInput c = component(node, names, weights);
                if (c != null) {
                    read.add(c);
                }
            }
            double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
            boolean fractions = Math.abs(sum - 1) < WEIGHT_TOLERANCE;
            boolean percentages = Math.abs(sum - 100) < WEIGHT_TOLERANCE;
            if (weights.size() == list.getValue().size() && !fractions && !percentages) {
                problem(components.getKeyNode(), "components: the weights add up to " + fmt(sum)
                        + "; they must add up to 1 (fractions) or 100 (percentages)");
                return List.of();
            }
            double scale = percentages ? 100 : 1;
            return read.stream().map(c -> new WeightedInput(c.name(), c.inputName(), c.input(), c.weight() / scale)).toList();
        }

        private WeightedInput component(Node node, Set<String> names, List<Double> weights) {
            if (!(node instanceof MappingNode map)) {
                problem(node, "a component is a map with name, input, weight and the input's parameters");
                return null;
            }
            int before = problems.size();
            Map<String, NodeTuple> all = new LinkedHashMap<>();
            map.getValue().forEach(t -> all.put(t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "", t));
            String input = text(all.get("input"), "input", map);
            if (input != null && !INPUTS.contains(input)) {
                problem(all.get("input").getValueNode(), "input: '" + input + "' is not an input; use one of "
                        + String.join(", ", INPUTS));
                input = null;
            }
            String name = text(all.get("name"), "name", map);
            if (name != null && !names.add(name)) {
                problem(all.get("name").getValueNode(), "name: '" + name + "' is the name of another component too");
            }
            String where = "component '" + (name == null ? "?" : name) + "'";
            Double weight = number(all.get("weight"), where + ": weight", map, 0, 100, true);
            if (weight != null && weight <= 0) {
                problem(all.get("weight").getValueNode(), where + ": weight must be above 0");
            }
            if (weight != null) {
                weights.add(weight);
            }
            if (input == null) {
                return null;
            }
            Params params = new Params(this, where, map, keys(map, allowed(input), where));
            HealthInput read = switch (input) {
                case "usageTrend" -> new HealthInput.UsageTrendInput(params.text("feature", "all"),
                        params.number("fallToZeroPct", 80, 1, 100), params.whole("idleDaysToZero", 14, 1, 366),
                        params.whole("noBaselineScore", 70, 0, 100), over(params));
                case "keyFeatureAdoption" -> new HealthInput.KeyFeatureAdoptionInput(params.texts("features"),
                        params.whole("usedWithinDays", 30, 1, 366));
                case "supportLoad" -> new HealthInput.SupportLoadInput(params.whole("perOpenHighPriority", 25, 0, 100),
                        params.whole("perOtherOpen", 10, 0, 100));
                case "billing" -> new HealthInput.BillingInput(params.whole("paymentFailedScore", 20, 0, 100),
                        params.whole("perOverdueInvoice", 25, 0, 100));
                case "sentiment" -> sentiment(params);
                case "relationship" -> new HealthInput.RelationshipInput(params.whole("champion", 50, 0, 100),
                        params.whole("execSponsor", 50, 0, 100));
                default -> throw new IllegalStateException(input);
            };
            return problems.size() > before || name == null || weight == null ? null
                    : new WeightedInput(name, input, read, weight);
        }

        /** Which usage a trend compares: one of {@link HealthInput.UsageTrendInput#OVER}, told at its line otherwise. */
        private String over(Params params) {
            String over = params.text("over", HealthInput.UsageTrendInput.OVER.get(0));
            if (over != null && !HealthInput.UsageTrendInput.OVER.contains(over)) {
                problem(params.keys().get("over").getValueNode(), params.where() + ": over: '" + over + "' is not one of "
                        + String.join(", ", HealthInput.UsageTrendInput.OVER));
                return HealthInput.UsageTrendInput.OVER.get(0);
            }
            return over == null ? HealthInput.UsageTrendInput.OVER.get(0) : over;
        }

        /** Both weights 0 would leave nothing to score but the default: told at the component's line. */
        private HealthInput sentiment(Params params) {
            HealthInput.SentimentInput read = new HealthInput.SentimentInput(params.whole("noAnswerScore", 70, 0, 100),
                    params.whole("npsWeight", 50, 0, 100), params.whole("csatWeight", 50, 0, 100),
                    params.whole("csatMinAnswers", 1, 1, 1000));
            if (read.npsWeight() == 0 && read.csatWeight() == 0) {
                problem(params.owner(), params.where() + ": npsWeight and csatWeight are both 0; give at least one "
                        + "of them a weight above 0");
            }
            return read;
        }

        private static Set<String> allowed(String input) {
            Set<String> keys = new HashSet<>(Set.of("name", "input", "weight"));
            keys.addAll(switch (input) {
                case "usageTrend" -> Set.of("feature", "fallToZeroPct", "idleDaysToZero", "noBaselineScore", "over");
                case "keyFeatureAdoption" -> Set.of("features", "usedWithinDays");
                case "supportLoad" -> Set.of("perOpenHighPriority", "perOtherOpen");
                case "billing" -> Set.of("paymentFailedScore", "perOverdueInvoice");
                case "sentiment" -> Set.of("noAnswerScore", "npsWeight", "csatWeight", "csatMinAnswers");
                case "relationship" -> Set.of("champion", "execSponsor");
                default -> Set.of();
            });
            return keys;
        }

        String text(NodeTuple t, String field, Node owner) {
            if (t == null) {
                problem(owner, field + " is missing");
                return null;
            }
            if (!(t.getValueNode() instanceof ScalarNode s) || s.getValue().isBlank()) {
                problem(t.getValueNode(), field + " must be a text");
                return null;
            }
            return bounded(s, field);
        }

        /**
         * A name or a feature as an id is bounded: each is written into every score (a component's name, its reason),
         * whose jsonb cannot hold a NUL, which a YAML escape ("\0") makes of a file that has none.
         */
        String bounded(ScalarNode node, String field) {
            String value = node.getValue().trim();
            String problem = RecordBounds.idProblem(value);
            if (problem != null) {
                problem(node, field + " " + problem);
                return null;
            }
            return value;
        }

        Double number(NodeTuple t, String field, Node owner, double min, double max, boolean required) {
            if (t == null) {
                if (required) {
                    problem(owner, field + " is missing");
                }
                return null;
            }
            String raw = t.getValueNode() instanceof ScalarNode s ? s.getValue().trim() : "";
            if (!YamlNumbers.isDecimal(raw)) {
                problem(t.getValueNode(), field + ": '" + RecordBounds.shown(raw) + "' is not a number; write it in plain decimals, "
                        + "e.g. 70 or 0.5");
                return null;
            }
            double value = Double.parseDouble(raw);
            if (value < min || value > max) {
                problem(t.getValueNode(), field + ": " + RecordBounds.shown(raw) + " is out of range; it must be from " + fmt(min)
                        + " to " + fmt(max));
                return null;
            }
            return value;
        }
    }

    /** An input's parameters: each optional with its default, checked against its range at its own line. */
    private record Params(Reader reader, String where, MappingNode owner, Map<String, NodeTuple> keys) {

        String text(String key, String fallback) {
            return keys.containsKey(key) ? reader.text(keys.get(key), where + ": " + key, owner) : fallback;
        }

        double number(String key, double fallback, double min, double max) {
            Double value = reader.number(keys.get(key), where + ": " + key, owner, min, max, false);
            return value == null ? fallback : value;
        }

        int whole(String key, int fallback, int min, int max) {
            Double value = reader.number(keys.get(key), where + ": " + key, owner, min, max, false);
            if (value != null && value != Math.rint(value)) {
                reader.problem(keys.get(key).getValueNode(), where + ": " + key + " must be a whole number");
            }
            return value == null ? fallback : value.intValue();
        }

        List<String> texts(String key) {
            NodeTuple t = keys.get(key);
            if (t == null) {
                reader.problem(owner, where + ": " + key + " is missing: the key features' names, e.g. [reports, integrations]");
                return List.of("?");
            }
            if (!(t.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()
                    || !list.getValue().stream().allMatch(n -> n instanceof ScalarNode s && !s.getValue().isBlank())) {
                reader.problem(t.getValueNode(), where + ": " + key + " must be a list of feature names, e.g. [reports, integrations]");
                return List.of("?");
            }
            if (list.getValue().size() > MAX_FEATURES) {
                reader.problem(t.getValueNode(), where + ": " + key + ": " + list.getValue().size() + " given; at most "
                        + MAX_FEATURES + " key features");
                return List.of("?");
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < list.getValue().size(); i++) {
                ScalarNode item = (ScalarNode) list.getValue().get(i);
                String name = reader.bounded(item, where + ": " + key + " item " + (i + 1));
                // Counted twice, one feature would weigh as two in the share.
                if (name != null && names.contains(name)) {
                    reader.problem(item, where + ": " + key + " item " + (i + 1) + ": '" + name + "' is given twice");
                    name = null;
                }
                names.add(name);
            }
            return names.contains(null) ? List.of("?") : List.copyOf(names);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
