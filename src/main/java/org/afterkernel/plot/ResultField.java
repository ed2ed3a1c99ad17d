package org.afterkernel.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.afterkernel.AkException;
import org.afterkernel.experiment.Measure;

/**
 * A field of a sweep's result line that can be an axis, a group or a panel: {@code epochs}, {@code
 * parameters} (the network's parameter count), a measure of {@code values} ({@code ak_swap}), a key
 * of the cell's {@code config} ({@code learning-rate}, kebab- or snake_case), or a derived label:
 * {@code task} ("MNIST 3-vs-8") and {@code architecture} ("VGG", "mega-VGG", "MLP").
 *
 * <p>Two config keys are read as what they mean rather than as recorded: {@code nn-architecture}
 * is the family actually trained (a preset decides it; the recorded value keeps the script's
 * default "VGG" under a preset) and a null {@code learning-rate} is Keras's default 0.01.
 */
final class ResultField implements Dimension {
  /** What the field reads. */
  enum Kind { EPOCHS, PARAMETERS, VALUE, CONFIG, TASK, ARCHITECTURE }

  static final ResultField EPOCHS = new ResultField(Kind.EPOCHS, "epochs");
  static final ResultField PARAMETERS = new ResultField(Kind.PARAMETERS, "parameters");
  static final ResultField TASK = new ResultField(Kind.TASK, "task");
  static final ResultField ARCHITECTURE = new ResultField(Kind.ARCHITECTURE, "architecture");
  /** The architecture family (VGG, MLP, Sum), mega-VGG counted as VGG. */
  static final ResultField FAMILY = config("nn-architecture");
  static final ResultField DATASET = config("dataset");

  private final Kind kind;
  private final String key;

  private ResultField(Kind kind, String key) {
    this.kind = kind;
    this.key = key;
  }

  /** The measure {@code key} of {@code values}. */
  static ResultField value(String key) {
    return new ResultField(Kind.VALUE, key);
  }

  /** The config key {@code key} (kebab-case). */
  static ResultField config(String key) {
    return new ResultField(Kind.CONFIG, key);
  }

  /**
   * The field named {@code name} on the command line, checked against {@code lines}: a measure
   * key must occur in some line's values (or be a known measure), a config key in some config.
   */
  static ResultField parse(String name, java.util.List<ObjectNode> lines) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "epochs":
        return EPOCHS;
      case "parameters":
        return PARAMETERS;
      case "task":
        return TASK;
      case "architecture":
        return ARCHITECTURE;
      default:
        break;
    }
    String snake = n.replace('-', '_');
    Set<String> values = new TreeSet<>();
    Set<String> configs = new TreeSet<>();
    for (ObjectNode l : lines) {
      l.path("values").fieldNames().forEachRemaining(values::add);
      l.path("config").fieldNames().forEachRemaining(configs::add);
    }
    boolean known = java.util.Arrays.stream(Measure.values()).anyMatch(m -> m.key().equals(snake));
    if (values.contains(snake) || known) {
      return value(snake);
    }
    String kebab = n.replace('_', '-');
    if (configs.contains(kebab)) {
      return config(kebab);
    }
    throw new AkException("unknown field '" + name + "': expected epochs, parameters, task, architecture, a measure"
        + (values.isEmpty() ? "" : " of these results " + values) + " or a config key"
        + (configs.isEmpty() ? "" : " " + configs) + " (kebab- or snake_case)");
  }

  Kind kind() {
    return kind;
  }

  /** The key read: the measure or config key, or the field's name. */
  String key() {
    return key;
  }

  @Override
  public String name() {
    return key;
  }

  /** True for measures: they vary from run to run of one setting. */
  boolean measured() {
    return kind == Kind.VALUE;
  }

  /** The axis title. */
  String title() {
    return switch (kind) {
      case EPOCHS -> "epochs of training";
      case PARAMETERS -> "parameters of the network";
      case VALUE -> MeasureName.of(key).axisTitle();
      case TASK -> "task";
      case ARCHITECTURE -> "architecture";
      case CONFIG -> key.equals("learning-rate") ? "learning rate" : key;
    };
  }

  /** The field as a number, or null when it is absent or not numeric (booleans are not numbers). */
  Double number(ObjectNode line) {
    JsonNode v = raw(line);
    if (kind == Kind.CONFIG && key.equals("learning-rate") && (v == null || v.isNull())) {
      return 0.01; // the experiment's meaning of an unset learning rate (Keras's default)
    }
    return v != null && v.isNumber() ? v.asDouble() : null;
  }

  /** The field as recorded (null when absent); derived labels as text. */
  JsonNode raw(ObjectNode line) {
    JsonNode config = line.path("config");
    return switch (kind) {
      case EPOCHS -> line.get("epochs");
      case PARAMETERS -> line.get("parameters");
      case VALUE -> line.path("values").get(key);
      case TASK -> config.isObject() ? text(Labels.task(config)) : null;
      case ARCHITECTURE -> config.isObject() ? text(Labels.architecture(config)) : null;
      case CONFIG -> {
        if (key.equals("nn-architecture") && config.isObject()) {
          yield text(Labels.family(config));
        }
        yield config.get(key);
      }
    };
  }

  @Override
  public Facet facet(ObjectNode line, MeasureName measure) {
    JsonNode config = line.path("config");
    switch (kind) {
      case TASK:
        return new Facet(name(), Labels.task(config), Labels.taskOrder(config), false);
      case ARCHITECTURE: {
        String a = Labels.architecture(config);
        return new Facet(name(), a, Labels.architectureOrder(a), false);
      }
      case EPOCHS: {
        Double e = number(line);
        return new Facet(name(), e == null ? null : Labels.setting("max-num-epochs", raw(line)), e == null ? 0 : e,
            false);
      }
      default:
        break;
    }
    JsonNode v = raw(line);
    Double num = number(line);
    String label;
    double order = num == null ? 0 : num;
    if (kind == Kind.CONFIG && key.equals("nn-architecture")) {
      label = v.asText();
      order = Labels.architectureOrder(label);
    } else if (kind == Kind.CONFIG && key.equals("dataset")) {
      label = Labels.dataset(config);
      order = Labels.datasetOrder(config);
    } else if (kind == Kind.CONFIG && key.equals("preset")) {
      label = Labels.architecture(config);
      order = Labels.architectureOrder(label);
    } else if (kind == Kind.CONFIG) {
      label = Labels.setting(key, v);
      order = v != null && v.isBoolean() ? (v.asBoolean() ? 1 : 0) : order;
    } else if (v == null || v.isNull()) {
      label = null;
    } else {
      label = key + " " + (num != null ? Labels.number(num) : v.asText());
    }
    boolean style = key.equals("use-augmentation") || key.equals("use-conjugate-kernel");
    return new Facet(name(), label, order, style);
  }

  @Override
  public Set<String> absorbs() {
    return switch (kind) {
      case EPOCHS -> Set.of("max-num-epochs");
      case PARAMETERS -> Set.of("num-parameters", "width");
      case VALUE -> Set.of();
      case TASK -> Set.of("dataset", "minus-class", "plus-class");
      case ARCHITECTURE -> Set.of("preset", "nn-architecture", "width");
      case CONFIG -> key.equals("nn-architecture") ? Set.of("nn-architecture", "preset") : Set.of(key);
    };
  }

  private static JsonNode text(String s) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResultField f && f.kind == kind && f.key.equals(key);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + key.hashCode();
  }

  @Override
  public String toString() {
    return key;
  }
}
