package org.afterkernel.savedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.afterkernel.AkException;
import org.afterkernel.io.NpyArray;
import org.afterkernel.nn.Functional;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Parameter;
import org.afterkernel.nn.SavedModelExport;
import org.afterkernel.nn.Weights;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Rebuilds a Keras model as a project {@link Model} from its {@link KerasDescription}, whatever
 * format it was read from (a SavedModel, or a {@code .keras} or {@code .h5} file, {@link
 * KerasFile}): layer configs to layers ({@link LayerFactory}), the graph to a {@link Functional}
 * network, trained values from the checkpoint ({@link KerasVariables}) or the file ({@link
 * FileVariables}). Every trainable variable of the model must be a parameter of the rebuilt
 * network and the reverse, with equal shapes, or the import fails: a partial import would give a
 * wrong after kernel.
 */
public final class KerasImporter {
  private final KerasDescription source;
  private final ImportOptions options;
  private final String description;

  private KerasImporter(KerasDescription source, ImportOptions options, String description) {
    this.source = source;
    this.options = options;
    this.description = description;
  }

  /**
   * Imports the SavedModel in {@code dir}: a model exported by {@code ak train} is rebuilt from its
   * spec, any other from its Keras configs, or, when it has none (Keras 3 {@code model.export()},
   * {@code tf.saved_model.save}), from the ops of its serving function.
   *
   * @throws AkException for bad files, unsupported layers (named, with their place) or options
   *     that do not fit the model
   */
  public static ImportedModel load(Path dir, ImportOptions options) {
    return load(dir, null, options);
  }

  /**
   * Imports the model in {@code path}: a SavedModel directory, or a Keras file ({@code .keras},
   * legacy {@code .h5}, weights-only {@code .h5} with its architecture JSON, {@link KerasFile}).
   *
   * @param architecture the architecture JSON of a weights-only HDF5 file ({@code model.to_json()});
   *     null to look for {@code X.json} beside {@code X.h5}
   * @throws AkException for bad files, unsupported layers (named, with their place) or options
   *     that do not fit the model
   */
  public static ImportedModel load(Path path, Path architecture, ImportOptions options) {
    if (KerasFile.handles(path)) {
      KerasDescription d = KerasFile.read(path, architecture);
      return new KerasImporter(d, options, describe(d, ", from a " + d.format().label())).build();
    }
    if (architecture != null) {
      throw new AkException("--architecture " + architecture + ": applies to weights-only HDF5 files, "
          + path + " is a directory");
    }
    SavedModelFiles files = SavedModelFiles.open(path);
    if (Files.exists(files.assetExtra(SavedModelExport.SPEC_FILE))) {
      return OwnExport.load(files, options);
    }
    KerasMetadata md = KerasMetadata.read(files);
    if (FunctionDefLifter.needed(md)) {
      return lifted(files, options);
    }
    KerasModelConfig cfg = KerasModelConfig.parse(md.root(), md.source());
    KerasDescription d = new KerasDescription(ModelFormat.SAVEDMODEL, files.dir(), cfg, new KerasVariables(files, md),
        md.source(), versions(files, md), files);
    return new KerasImporter(d, options, describe(d, ", configs from " + md.source())).build();
  }

  /**
   * Imports the SavedModel in {@code dir} from its serving function's ops ({@link
   * FunctionDefLifter}), whether or not it has Keras configs: how models without them import,
   * and how tests lift models that have them.
   */
  static ImportedModel lift(Path dir, ImportOptions options) {
    return lifted(SavedModelFiles.open(dir), options);
  }

  private static ImportedModel lifted(SavedModelFiles files, ImportOptions options) {
    FunctionDefLifter.Lifted l = FunctionDefLifter.lift(files);
    String versions = versions(files, null);
    KerasDescription d = new KerasDescription(ModelFormat.SAVEDMODEL_LIFTED, files.dir(), l.config(),
        new LiftedVariables(files, l.weights()), "saved_model.pb (serving function " + l.function() + ")", versions,
        files);
    String desc = "SavedModel without Keras layer configs" + (versions.isEmpty() ? "" : " (" + versions + ")") + ": "
        + l.config().layers().size() + " layers lifted from the serving function " + l.function();
    return new KerasImporter(d, options, desc).build();
  }

  /** {@code Keras Sequential 'name' (Keras 3.1.1)} and where it came from. */
  private static String describe(KerasDescription d, String from) {
    return "Keras " + d.config().modelClass() + " '" + d.config().modelName() + "'"
        + (d.versions().isEmpty() ? "" : " (" + d.versions() + ")") + from;
  }

  private ImportedModel build() {
    KerasModelConfig config = source.config();
    long[] modelInput = modelInputShape(source);
    long[] images = imageShape(modelInput, options.imageShape(), source.path());
    KerasNetworkBuilder.Result plan =
        new KerasNetworkBuilder(config, source.configSource(), this::constant).build(modelInput, images, options);
    Model model = Model.of(plan.network(), images);
    try {
      model.setWeights(weights(model.parameters()));
      Operand<TFloat32> output = plan.removed().apply(model.tf(), plan.network().output());
      return new ImportedModel(source, model, output, plan.network().outputShape(), plan.modelInput(),
          plan.removed(), plan.network().head(), description);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The writers' versions ({@code TensorFlow 2.6.0, Keras 2.6.0}); metadata may be null. */
  private static String versions(SavedModelFiles files, KerasMetadata md) {
    String keras = md == null ? "" : KerasJson.text(md.root().metadata(), "keras_version", "");
    String tf = files.tensorflowVersion();
    List<String> parts = new java.util.ArrayList<>();
    if (!tf.isEmpty()) {
      parts.add("TensorFlow " + tf);
    }
    if (!keras.isEmpty()) {
      parts.add("Keras " + keras);
    }
    return String.join(", ", parts);
  }
  /** The model's per-example input shape: from the config, else from the serving signature. */
  static long[] modelInputShape(KerasDescription source) {
    KerasModelConfig config = source.config();
    if (config.inputShape() != null) {
      return config.inputShape();
    }
    SavedModelFiles files = source.files();
    if (files == null) {
      throw new AkException(source.path() + ": the model's input shape is not in its config (" + source.configSource()
          + ": no InputLayer, batch_input_shape or build_input_shape)");
    }
    var inputs = files.servingSignature().getInputsMap().values();
    if (inputs.size() != 1) {
      throw new AkException(files.dir() + ": the input shape is not in the model config, and the serving"
          + " signature has " + inputs.size() + " inputs");
    }
    var dims = inputs.iterator().next().getTensorShape().getDimList();
    return dims.stream().skip(1).mapToLong(d -> d.getSize()).toArray();
  }

  /**
   * The images' (height, width, channels): the given shape (which must hold as many values as the
   * model input), or one derived from the model input.
   */
  static long[] imageShape(long[] modelInput, long[] given, Path dir) {
    boolean known = Arrays.stream(modelInput).allMatch(d -> d > 0);
    if (given != null) {
      if (modelInput.length == 3) {
        for (int i = 0; i < 3; i++) {
          if (modelInput[i] > 0 && modelInput[i] != given[i]) {
            throw shapeMismatch(dir, modelInput, given);
          }
        }
      } else if (!known || Arrays.stream(modelInput).reduce(1, Math::multiplyExact)
          != Arrays.stream(given).reduce(1, Math::multiplyExact)) {
        throw shapeMismatch(dir, modelInput, given);
      }
      return given.clone();
    }
    if (!known) {
      throw new AkException(dir + ": the model's input shape " + shapeText(modelInput)
          + " has unknown sizes; give a dataset so the image size is known");
    }
    return switch (modelInput.length) {
      case 3 -> modelInput.clone();
      case 2 -> new long[] {modelInput[0], modelInput[1], 1};
      case 1 -> squareImage(modelInput[0], dir);
      default -> throw new AkException(dir + ": the model's input shape " + shapeText(modelInput)
          + " is not an image (height, width, channels), (height, width) or a flat vector");
    };
  }

  private static long[] squareImage(long n, Path dir) {
    for (long c : new long[] {1, 3}) {
      long side = Math.round(Math.sqrt(n / (double) c));
      if (side * side * c == n) {
        return new long[] {side, side, c};
      }
    }
    throw new AkException(dir + ": the model takes flat vectors of " + n
        + " values; give a dataset to say which images they are");
  }


  private static AkException shapeMismatch(Path dir, long[] modelInput, long[] images) {
    return new AkException(dir + ": the model's input shape " + shapeText(modelInput)
        + " does not match the dataset's images " + shapeText(images));
  }

  static String shapeText(long[] shape) {
    return "(" + String.join(", ", Arrays.stream(shape).mapToObj(d -> d < 0 ? "None" : Long.toString(d)).toList())
        + ")";
  }

  /** A non-trainable weight's value (moving statistics). */
  private float[] constant(String layer, String weight) {
    KerasVariableSource variables = source.variables();
    SavedVariableInfo v = variables.find(layer, weight);
    return variables.read(List.of(v)).get(v);
  }

  /** The trained values of every parameter, checked against the SavedModel's trainable variables. */
  private Weights weights(List<Parameter> parameters) {
    KerasVariableSource variables = source.variables();
    String where = variables.where();
    Map<Parameter, SavedVariableInfo> found = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      int slash = p.name().lastIndexOf('/');
      SavedVariableInfo v = variables.find(p.name().substring(0, slash), p.name().substring(slash + 1));
      if (!Arrays.equals(v.shape(), p.shape())) {
        throw new AkException("variable '" + v.name() + "' has shape " + Arrays.toString(v.shape())
            + " in " + where + ", the rebuilt layer needs " + Arrays.toString(p.shape()));
      }
      if (!v.trainable()) {
        throw new AkException("variable '" + v.name() + "' is not trainable in " + where + " (a frozen"
            + " layer, trainable=false); frozen layers are not supported");
      }
      found.put(p, v);
    }
    Set<Integer> used = new HashSet<>();
    found.values().forEach(v -> used.add(v.nodeId()));
    List<String> unused = variables.trainable().stream().filter(v -> !used.contains(v.nodeId()))
        .map(v -> v.name() + Arrays.toString(v.shape())).toList();
    if (!unused.isEmpty()) {
      throw new AkException("trainable variables of " + where + " that the rebuilt network does not"
          + " use: " + unused + "; the import would give a wrong after kernel");
    }
    Map<SavedVariableInfo, float[]> values = variables.read(List.copyOf(found.values()));
    Map<String, NpyArray> out = new LinkedHashMap<>();
    found.forEach((p, v) -> out.put(p.name(), NpyArray.ofFloats(p.shape(), values.get(v))));
    return Weights.of(out);
  }
}
