package dev.shadowtrainer.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code summary.json}: any record or map as indented JSON, times as ISO-8601 text, empty optionals as
 * null, and NaN or infinite numbers as null too, because strict JSON has no NaN or Infinity.
 */
public final class SummaryJson {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file, Object summary) {
        String json = toJson(summary);
        AtomicFile.write(file, out -> out.write(json));
    }

    /** The JSON text of {@code summary}, ending with a newline. */
    public String toJson(Object summary) {
        Objects.requireNonNull(summary, "summary is null");
        JsonNode tree = finiteOnly(mapper.valueToTree(summary));
        try {
            return mapper.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary cannot be written as JSON", e);
        }
    }

    private static JsonNode finiteOnly(JsonNode node) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return NullNode.getInstance();
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, finiteOnly(object.get(name)));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, finiteOnly(array.get(i)));
            }
        }
        return node;
    }
}
