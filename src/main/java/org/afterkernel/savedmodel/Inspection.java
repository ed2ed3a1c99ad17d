package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.nn.SavedModelExport;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * What {@code ak savedmodel inspect} prints: the format found, the signatures with their shapes,
 * the Keras layers with their configs, the trainable variables with shapes, the parameter count,
 * and whether (and as what) the model imports. Keras files ({@code .keras}, {@code .h5}) are
 * shown by {@link FileInspection}.
 */
public final class Inspection {
  /** Config fields left out of the layer list: they do not change the function computed. */
  private static final List<String> NOISE = List.of("name", "trainable", "dtype", "batch_input_shape",
      "batch_shape",
      "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
      "activity_regularizer", "kernel_constraint", "bias_constraint", "beta_initializer",
      "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
      "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");

  private Inspection() {}

  /** Writes the inspection of {@code dir} to {@code out}. */
  public static void print(Path dir, PrintWriter out) {
    print(dir, null, out);
  }

  /**
   * Writes the inspection of {@code path} (a SavedModel directory or a Keras file, with the
   * architecture JSON of a weights-only file, or null) to {@code out}.
   */
  public static void print(Path path, Path architecture, PrintWriter out) {
    if (KerasFile.handles(path)) {
      FileInspection.print(path, architecture, out);
      return;
    }
    if (architecture != null) {
      throw new AkException("--architecture " + architecture + ": applies to weights-only HDF5 files, " + path
          + " is a directory");
    }
    Path dir = path;
    SavedModelFiles files = SavedModelFiles.open(dir);
    out.printf("SavedModel %s%n", dir);
    boolean own = Files.exists(files.assetExtra(SavedModelExport.SPEC_FILE));
    out.printf("format: %s%n", (!own && FunctionDefLifter.needed(KerasMetadata.read(files))
        ? ModelFormat.SAVEDMODEL_LIFTED : ModelFormat.SAVEDMODEL).label());
    out.printf("written by: TensorFlow %s%n", files.tensorflowVersion().isEmpty() ? "?" : files.tensorflowVersion());
    printSignatures(files, out);
    if (own) {
      out.printf("afterkernel export: %s%n", Json.readTree(files.assetExtra(SavedModelExport.SPEC_FILE)));
    } else {
      printKeras(files, out);
    }
    printImport(dir, null, out);
  }

  private static void printSignatures(SavedModelFiles files, PrintWriter out) {
    for (Map.Entry<String, SignatureDef> e : files.metaGraph().getSignatureDefMap().entrySet()) {
      if (e.getKey().startsWith("__")) {
        continue; // __saved_model_init_op and the like
      }
      out.printf("signature %s:%n", e.getKey());
      e.getValue().getInputsMap().forEach((k, v) -> out.printf("  input  %-28s %s%n", k, tensor(v)));
      e.getValue().getOutputsMap().forEach((k, v) -> out.printf("  output %-28s %s%n", k, tensor(v)));
    }
  }

  private static String tensor(TensorInfo t) {
    String dtype = t.getDtype().name().replace("DT_", "").toLowerCase(java.util.Locale.ROOT);
    if (t.getTensorShape().getUnknownRank()) {
      return dtype + " (unknown shape)";
    }
    return dtype + " " + KerasImporter.shapeText(
        t.getTensorShape().getDimList().stream().mapToLong(d -> d.getSize()).toArray());
  }

  private static void printKeras(SavedModelFiles files, PrintWriter out) {
    KerasMetadata md = KerasMetadata.read(files);
    if (FunctionDefLifter.needed(md)) {
      printLifted(files, out);
      return;
    }
    KerasObject root = md.root();
    out.printf("layer configs from: %s%n", md.source());
    String keras = KerasJson.text(root.metadata(), "keras_version", "");
    if (!keras.isEmpty()) {
      out.printf("Keras version: %s%n", keras);
    }
    KerasModelConfig cfg;
    try {
      cfg = KerasModelConfig.parse(root, md.source());
    } catch (AkException e) {
      out.printf("model: %s '%s': %s%n", root.className(), root.name(), e.getMessage());
      return;
    }
    out.printf("model: %s '%s', input '%s' %s, output '%s'%n", cfg.modelClass(), cfg.modelName(),
        cfg.inputName(), cfg.inputShape() == null ? "(shape not in config)" : KerasImporter.shapeText(cfg.inputShape()),
        cfg.outputName());
    printLayers(cfg, out);
    printTrainable(new KerasVariables(files, md), out);
  }

  /** A SavedModel without Keras configs: the layers lifted from its serving function. */
  private static void printLifted(SavedModelFiles files, PrintWriter out) {
    out.printf("layer configs: none (no Keras metadata); the layers are lifted from the serving function's ops%n");
    FunctionDefLifter.Lifted l;
    try {
      l = FunctionDefLifter.lift(files);
    } catch (AkException e) {
      out.printf("lifted: no: %s%n", e.getMessage());
      return;
    }
    out.printf("model: lifted from function %s, input '%s', output '%s'%n", l.function(), l.config().inputName(),
        l.config().outputName());
    printLayers(l.config(), out);
    printTrainable(new LiftedVariables(files, l.weights()), out);
  }

  /** The layers of a model config, one line each with its config less the fields that do not matter. */
  static void printLayers(KerasModelConfig cfg, PrintWriter out) {
    out.printf("layers (%d):%n", cfg.layers().size());
    for (int i = 0; i < cfg.layers().size(); i++) {
      KerasLayerCall c = cfg.layers().get(i);
      out.printf("  %2d %-24s %-22s <- %-24s %s%n", i + 1, c.name(), c.className(),
          String.join(", ", c.inputs()), summary(c.config()));
    }
  }

  private static void printTrainable(KerasVariableSource vars, PrintWriter out) {
    List<SavedVariableInfo> trainable = vars.trainable();
    out.printf("trainable variables (%d):%n", trainable.size());
    long total = 0;
    for (SavedVariableInfo v : trainable) {
      out.printf("  %-40s %-18s %,d%n", v.name(), Arrays.toString(v.shape()), v.size());
      total += v.size();
    }
    out.printf("parameters: %,d%n", total);
  }

  private static String summary(JsonNode config) {
    if (config == null || !config.isObject()) {
      return "";
    }
    ObjectNode copy = ((ObjectNode) config).deepCopy();
    NOISE.forEach(copy::remove);
    return KerasJson.compact(untuple(copy));
  }

  /** Keras's encoded tuples as plain lists, for reading. */
  private static JsonNode untuple(JsonNode n) {
    if (n.isObject() && "__tuple__".equals(KerasJson.text(n, "class_name", "")) && n.has("items")) {
      return untuple(n.get("items"));
    }
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      List<String> names = new java.util.ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      names.forEach(f -> o.set(f, untuple(o.get(f))));
      return o;
    }
    if (n.isArray()) {
      var a = (com.fasterxml.jackson.databind.node.ArrayNode) n;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, untuple(a.get(i)));
      }
    }
    return n;
  }

  /** Tries the import of {@code dir} and prints its network, or why it does not import. */
  static void printImport(Path dir, Path architecture, PrintWriter out) {
    try (ImportedModel m = KerasImporter.load(dir, architecture, ImportOptions.defaults().withMultiOutputDefault(
        org.afterkernel.nn.OutputHead.index(0)))) {
      out.printf("import: supported, as %s%n", m.description());
      out.printf("logit (example): %s; choose with --output-index, --logit-difference, --[no-]pre-softmax%n",
          m.logitDescription());
      out.print(m.model().summary().lines().map(l -> "  " + l + "\n").reduce("", String::concat));
    } catch (AkException e) {
      out.printf("import: not supported: %s%n", e.getMessage());
    }
  }
}
