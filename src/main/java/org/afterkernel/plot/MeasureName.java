package org.afterkernel.plot;

/**
 * What a measure key means, in words: the quantity ("SVM", "swap"), the kernel it was taken on
 * ("after kernel", "NTK", or null for the errors) and an axis title.
 *
 * @param key the key in a result line's {@code values}, e.g. {@code ak_swap}
 * @param quantity legend name of the quantity, e.g. "SVM", "NN", "swap"
 * @param kernel "after kernel" for {@code ak_*}, "NTK" for {@code ntk_*} (the after kernel at
 *     initialisation), null for measures of no kernel
 * @param axisTitle the y-axis title when the quantity is plotted alone
 */
record MeasureName(String key, String quantity, String kernel, String axisTitle) {

  /** The name of {@code key}; unknown keys are named by themselves. */
  static MeasureName of(String key) {
    switch (key) {
      case "nn_error":
        return new MeasureName(key, "NN", null, "NN test error");
      case "nn_error_correct":
        return new MeasureName(key, "NN (logit > 0)", null, "NN test error (logit > 0)");
      case "linear_error":
        return new MeasureName(key, "SVM", null, "SVM test error");
      case "margin":
        return new MeasureName(key, "SVM margin", null, "SVM training margin (normalised)");
      case "training_loss":
        return new MeasureName(key, "training loss", null, "training loss");
      default:
        break;
    }
    String kernel = key.startsWith("ak_") ? "after kernel" : key.startsWith("ntk_") ? "NTK" : null;
    if (kernel == null) {
      return new MeasureName(key, key, null, key);
    }
    String q = key.substring(key.indexOf('_') + 1);
    return switch (q) {
      case "translation", "zoom", "rotation", "swap" ->
          new MeasureName(key, q, kernel, q + " invariance (mean cosine)");
      case "alignment" -> new MeasureName(key, "alignment", kernel, "alignment with the conjugate kernel");
      case "effective_rank" -> new MeasureName(key, "effective rank", kernel, "effective rank");
      case "target_alignment" -> new MeasureName(key, "kernel-target alignment", kernel, "kernel-target alignment");
      default -> new MeasureName(key, q, kernel, key);
    };
  }

  /**
   * The y-axis title of a panel plotting several measures: "test error" for errors only,
   * "invariance (mean cosine)" for invariances only, the two titles for two measures of different
   * kinds, else "value".
   */
  static String sharedTitle(java.util.Collection<String> keys) {
    java.util.Set<String> titles = new java.util.LinkedHashSet<>();
    keys.forEach(k -> titles.add(of(k).axisTitle()));
    if (titles.size() == 1) {
      return titles.iterator().next();
    }
    if (!keys.isEmpty() && keys.stream().allMatch(k -> k.endsWith("error") || k.endsWith("error_correct"))) {
      return "test error";
    }
    if (!keys.isEmpty() && keys.stream().allMatch(k -> of(k).axisTitle().endsWith("invariance (mean cosine)"))) {
      return "invariance (mean cosine)";
    }
    return titles.size() == 2 ? String.join(" / ", titles) : "value";
  }

  /** A description for messages: "ak_swap (swap, after kernel)". */
  String describe() {
    return kernel == null ? key + " (" + quantity + ")" : key + " (" + quantity + ", " + kernel + ")";
  }
}
