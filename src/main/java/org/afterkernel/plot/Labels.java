package org.afterkernel.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.afterkernel.data.Dataset;

/**
 * Human names of what a result line describes, for titles and legends: the architecture as the
 * paper names it ("VGG", "mega-VGG", "MLP"), the task ("MNIST 3-vs-8", "CIFAR-10 cat-vs-dog") and
 * setting values ("with augmentation", "lr 0.01", "10 epochs").
 */
final class Labels {
  /** The paper's networks, in the order panels and legends list them (its main two, then mega-VGG). */
  static final List<String> ARCHITECTURES = List.of("VGG", "MLP", "mega-VGG", "Sum");

  private Labels() {}

  /**
   * The architecture of a cell's configuration: the preset's name when a preset was used, else the
   * script's architecture name (with the width when one was given).
   */
  static String architecture(JsonNode config) {
    String preset = text(config, "preset");
    if (preset != null) {
      return switch (preset) {
        case "vgg" -> "VGG";
        case "mega-vgg" -> "mega-VGG";
        case "mlp" -> "MLP";
        case "sum" -> "Sum";
        default -> preset;
      };
    }
    String arch = family(config);
    JsonNode width = config.get("width");
    return width == null || width.isNull() ? arch : arch + " (width " + width.asText() + ")";
  }

  /**
   * The architecture family actually trained: VGG, MLP or Sum. A preset decides it; the recorded
   * {@code nn-architecture} keeps the script's default (VGG) when a preset is used, so it is only
   * read without one.
   */
  static String family(JsonNode config) {
    String preset = text(config, "preset");
    if (preset != null) {
      return switch (preset) {
        case "vgg", "mega-vgg" -> "VGG";
        case "mlp" -> "MLP";
        case "sum" -> "Sum";
        default -> preset;
      };
    }
    String arch = text(config, "nn-architecture");
    return arch == null ? "VGG" : arch;
  }

  /** "MNIST" or "CIFAR-10". */
  static String dataset(JsonNode config) {
    String d = text(config, "dataset");
    if (d == null) {
      return "?";
    }
    return switch (d.toLowerCase(Locale.ROOT)) {
      case "mnist" -> "MNIST";
      case "cifar10" -> "CIFAR-10";
      default -> d;
    };
  }

  /** The binary task, e.g. "MNIST 3-vs-8" or "CIFAR-10 cat-vs-dog" (class names for CIFAR-10). */
  static String task(JsonNode config) {
    int minus = config.path("minus-class").asInt(3);
    int plus = config.path("plus-class").asInt(8);
    String name = dataset(config);
    try {
      Dataset d = Dataset.fromName(text(config, "dataset"));
      return name + " " + d.className(minus) + "-vs-" + d.className(plus);
    } catch (RuntimeException e) {
      return name + " " + minus + "-vs-" + plus;
    }
  }

  /** The order of a task in legends: dataset (as {@link #datasetOrder}), then classes. */
  static double taskOrder(JsonNode config) {
    return datasetOrder(config) * 10_000 + config.path("minus-class").asInt() * 100 + config.path("plus-class").asInt();
  }

  /** The order of a dataset: MNIST, then CIFAR-10, as the paper lists them. */
  static double datasetOrder(JsonNode config) {
    String d = text(config, "dataset");
    return d != null && d.equalsIgnoreCase("cifar10") ? 1 : 0;
  }

  /** The order of an architecture label in legends (the paper's order, unknown names last). */
  static double architectureOrder(String label) {
    for (int i = 0; i < ARCHITECTURES.size(); i++) {
      if (label.startsWith(ARCHITECTURES.get(i)) && (label.length() == ARCHITECTURES.get(i).length()
          || label.charAt(ARCHITECTURES.get(i).length()) == ' ')) {
        return i;
      }
    }
    return ARCHITECTURES.size();
  }

  /** A setting's value in words, for legends: "with augmentation", "lr 0.01", "10 epochs". */
  static String setting(String key, JsonNode value) {
    if (value == null || value.isNull()) {
      return key.equals("learning-rate") ? "lr 0.01" : key + " default";
    }
    return switch (key) {
      case "use-augmentation" -> value.asBoolean() ? "with augmentation" : "no augmentation";
      case "use-conjugate-kernel" -> value.asBoolean() ? "conjugate kernel" : "after kernel";
      case "max-num-epochs" -> value.asInt() == 1 ? "1 epoch" : value.asInt() + " epochs";
      case "learning-rate" -> "lr " + number(value.asDouble());
      case "num-parameters" -> "budget " + number(value.asDouble()) + " parameters";
      case "training-loss-target" -> "loss target " + number(value.asDouble());
      case "width" -> "width " + value.asText();
      default -> key + " " + (value.isNumber() ? number(value.asDouble()) : value.asText());
    };
  }

  /** A number as a person writes it: 3, 0.001, 0.25, 1e-05 becomes 0.00001, 95267. */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(Double.toString(v)).round(new java.math.MathContext(6)).stripTrailingZeros()
        .toPlainString();
  }

  /** A compact tick label: 60K for 60000, 1.2M, else {@link #number}. */
  static String compact(double v) {
    double a = Math.abs(v);
    if (a >= 1e6 && a < 1e15) {
      return number(Math.round(v / 1e4) / 100.0) + "M";
    }
    if (a >= 1e4) {
      return number(Math.round(v / 1e2) / 10.0) + "K";
    }
    return number(v);
  }

  private static String text(JsonNode config, String key) {
    JsonNode v = config == null ? null : config.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }
}
