package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Reading of Keras layer configs for the float64 reference forward pass ({@link KerasReference}),
 * apart from the importer's: numbers, pairs, paddings, axes, per-channel values, target shapes.
 */
final class ReferenceConfig {
  private ReferenceConfig() {}

  static double number(JsonNode c, String field, double fallback) {
    List<JsonNode> items = KerasJson.items(c.get(field));
    return items.isEmpty() ? fallback : items.get(0).asDouble();
  }

  static int[] pair(JsonNode c, String field, int fallback) {
    List<JsonNode> items = KerasJson.items(c.get(field));
    if (items.isEmpty()) {
      return new int[] {fallback, fallback};
    }
    return new int[] {items.get(0).asInt(), items.get(items.size() == 1 ? 0 : 1).asInt()};
  }

  static boolean same(JsonNode c) {
    String p = KerasJson.text(c, "padding", "valid").toLowerCase(java.util.Locale.ROOT);
    if (!p.equals("same") && !p.equals("valid")) {
      throw new IllegalArgumentException("padding " + p);
    }
    return p.equals("same");
  }

  static void lastAxis(JsonNode c, String field, int rank) {
    List<JsonNode> a = KerasJson.items(c.get(field));
    if (a.size() > 1 || !a.isEmpty() && a.get(0).asInt() != -1 && a.get(0).asInt() != rank) {
      throw new IllegalArgumentException(field + " " + c.get(field) + " is not the last axis");
    }
  }

  static double[] perChannel(JsonNode n, double fallback, int channels) {
    List<JsonNode> items = KerasJson.items(n);
    if (items.isEmpty()) {
      return new double[] {fallback};
    }
    double[] out = items.stream().mapToDouble(JsonNode::asDouble).toArray();
    if (out.length != 1 && out.length != channels) {
      throw new IllegalArgumentException(out.length + " values for " + channels + " channels");
    }
    return out.length == 1 ? java.util.stream.DoubleStream.generate(() -> out[0]).limit(channels).toArray() : out;
  }

  /** Reshape's target shape, with its one -1 resolved. */
  static int[] target(JsonNode c, int size) {
    int[] t = KerasJson.items(c.get("target_shape")).stream().mapToInt(JsonNode::asInt).toArray();
    int known = 1;
    int unknown = -1;
    for (int i = 0; i < t.length; i++) {
      if (t[i] == -1) {
        unknown = i;
      } else {
        known *= t[i];
      }
    }
    if (unknown >= 0) {
      t[unknown] = size / known;
    }
    return t;
  }

  /** ZeroPadding2D's padding or Cropping2D's cropping as (top, bottom, left, right). */
  static int[] amounts(JsonNode n) {
    List<JsonNode> items = KerasJson.items(n);
    if (items.size() == 1) {
      int p = items.get(0).asInt();
      return new int[] {p, p, p, p};
    }
    if (items.size() == 2 && !items.get(0).isContainerNode()) {
      return new int[] {items.get(0).asInt(), items.get(0).asInt(), items.get(1).asInt(), items.get(1).asInt()};
    }
    List<JsonNode> h = KerasJson.items(items.get(0));
    List<JsonNode> w = KerasJson.items(items.get(1));
    return new int[] {h.get(0).asInt(), h.get(1).asInt(), w.get(0).asInt(), w.get(1).asInt()};
  }
}
