package org.afterkernel.savedmodel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;

/**
 * Reading Keras's JSON: the metadata strings of a SavedModel (Python's {@code json.dumps}, which
 * may write NaN and Infinity) and the values in layer configs. Keras's metadata encoder writes
 * tuples as {@code {"class_name": "__tuple__", "items": [...]}} and shapes as {@code
 * {"class_name": "TensorShape", "items": [...]}}; plain {@code get_config} output has lists. Both
 * are accepted wherever a list is expected.
 */
final class KerasJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

  private KerasJson() {}

  /** Parses a metadata string; {@code where} names its source for the error. */
  static JsonNode parse(String json, String where) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AkException(where + ": Keras metadata is not valid JSON ("
          + AkException.firstLine(e.getOriginalMessage(), 300) + ")", e);
    }
  }

  /** The elements of a list or encoded tuple/shape; a scalar is a one-element list; null is empty. */
  static List<JsonNode> items(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n == null || n.isNull() || n.isMissingNode()) {
      return out;
    }
    JsonNode list = n.isObject() && n.has("items") ? n.get("items") : n;
    if (list.isArray()) {
      list.forEach(out::add);
    } else {
      out.add(list);
    }
    return out;
  }

  /** A list of ints (a tuple such as {@code kernel_size}); a single int is repeated {@code n} times. */
  static int[] ints(JsonNode n, int count, String what) {
    List<JsonNode> items = items(n);
    if (items.size() == 1 && count > 1) {
      int[] out = new int[count];
      java.util.Arrays.fill(out, intValue(items.get(0), what));
      return out;
    }
    if (items.size() != count) {
      throw new IllegalArgumentException(what + " is " + n + ", expected " + count + " integers");
    }
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = intValue(items.get(i), what);
    }
    return out;
  }

  static int intValue(JsonNode n, String what) {
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() && n.asDouble() != Math.rint(n.asDouble())) {
      throw new IllegalArgumentException(what + " is " + n + ", expected an integer");
    }
    return n.asInt();
  }

  /**
   * A shape with the batch dimension first (Keras's {@code batch_input_shape}); unknown sizes
   * ({@code null}) become -1. Returns the shape without the batch dimension, or null if absent.
   */
  static long[] batchShapeWithoutBatch(JsonNode n) {
    List<JsonNode> items = items(n);
    if (items.isEmpty()) {
      return null;
    }
    long[] out = new long[items.size() - 1];
    for (int i = 1; i < items.size(); i++) {
      JsonNode d = items.get(i);
      out[i - 1] = d == null || d.isNull() ? -1 : d.asLong();
    }
    return out;
  }

  /** A text field, or {@code fallback} when absent or null. */
  static String text(JsonNode config, String field, String fallback) {
    JsonNode n = config.get(field);
    return n == null || n.isNull() ? fallback : n.asText();
  }

  /** A boolean field, or {@code fallback} when absent or null. */
  static boolean bool(JsonNode config, String field, boolean fallback) {
    JsonNode n = config.get(field);
    return n == null || n.isNull() ? fallback : n.asBoolean();
  }

  /** A number field, or {@code fallback} when absent or null. */
  static double number(JsonNode config, String field, double fallback) {
    JsonNode n = config.get(field);
    return n == null || n.isNull() ? fallback : n.asDouble();
  }

  /** Compact JSON of a node. */
  static String compact(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      return String.valueOf(n);
    }
  }
}
