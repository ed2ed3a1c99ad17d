package org.afterkernel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.AkException;
import org.afterkernel.data.Dataset;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.ModelDirectory;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.savedmodel.ImportOptions;
import org.afterkernel.savedmodel.KerasFile;
import org.afterkernel.savedmodel.KerasImporter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the network comes from: {@code --model DIR} (the output of {@code ak train}, whose {@code
 * --initial} weights are those at initialisation; or a Keras SavedModel, imported, with {@code
 * --output-index} / {@code --logit-difference} / {@code --pre-softmax} choosing the logit), or a
 * fresh network from {@code --arch} and friends initialised with {@code --seed} (the NTK at
 * initialisation). A picocli mixin.
 */
public final class ModelOptions {
  @Mixin NetworkOptions network;
  @Mixin OutputOptions output;
  @Mixin ArchitectureOption architecture;

  @Option(names = "--model", paramLabel = "DIR",
      description = "A directory written by ak train (network.json + weights.npz), or a Keras model: a SavedModel"
          + " directory, a .keras file or an .h5 file.")
  Path modelDir;

  @Option(names = "--initial", description = "With --model: use the weights at initialisation.")
  boolean initial;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Without --model: initialise a fresh network with this seed (default ${DEFAULT-VALUE}).")
  long seed;

  /** Opens the model for images of {@code (height, width, channels)} named {@code data}; the caller closes it. */
  public Model open(long[] shape, String data) {
    return open(shape, data, output.head(), 1);
  }

  /** Opens the model for images of {@code dataset}; the caller closes it. */
  public Model open(Dataset dataset) {
    return open(dataset, output.head(), 1);
  }

  /**
   * Opens the model with {@code head} choosing its logit (null: the single output, or none for a
   * network of several outputs); a fresh network gets {@code freshOutputs} output units.
   */
  public Model open(Dataset dataset, OutputHead head, int freshOutputs) {
    return open(new long[] {dataset.height(), dataset.width(), dataset.channels()}, dataset.cliName(), head,
        freshOutputs);
  }

  /**
   * {@link #open(Dataset, OutputHead, int)} for images of {@code (height, width, channels)} named
   * {@code data} in messages (a dataset, or your own {@code --images} file).
   */
  public Model open(long[] shape, String data, OutputHead head, int freshOutputs) {
    Model m;
    if (modelDir != null && !ModelDirectory.isModelDirectory(modelDir)
        && (Files.isRegularFile(modelDir.resolve("saved_model.pb")) || KerasFile.handles(modelDir))) {
      if (initial) {
        throw new AkException(modelDir + ": --initial needs a directory written by ak train; for a Keras model,"
            + " pass the initial model's own file or SavedModel instead");
      }
      try {
        m = KerasImporter.load(modelDir, architecture.architecture(),
            new ImportOptions(head, output.preSoftmax(), shape, null)).model();
      } catch (AkException e) {
        boolean dataset = java.util.Arrays.stream(Dataset.values()).anyMatch(d -> d.cliName().equals(data));
        throw dataset || !e.getMessage().contains("does not match") ? e : new AkException(data + ": " + e.getMessage(), e);
      }
    } else {
      m = modelDir != null
          ? ModelDirectory.open(modelDir, initial ? ModelDirectory.Stage.INITIAL : ModelDirectory.Stage.TRAINED,
              head)
          : Model.create(network.spec(shape).withOutputs(freshOutputs), seed, null, head);
    }
    long[] in = m.inputShape();
    if (in[0] != shape[0] || in[1] != shape[1] || in[2] != shape[2]) {
      m.close();
      throw new AkException((modelDir != null ? modelDir + ": " : "") + "the network takes "
          + in[0] + "x" + in[1] + "x" + in[2] + " images, " + data + " has " + shape[0] + "x" + shape[1] + "x"
          + shape[2]);
    }
    return m;
  }

  /** A description for results: the directory, or the network and seed. */
  public String describe(Dataset dataset) {
    return describe(new long[] {dataset.height(), dataset.width(), dataset.channels()});
  }

  /** A description for results, for images of {@code (height, width, channels)}. */
  public String describe(long[] shape) {
    return modelDir != null
        ? modelDir + (initial ? " (initial weights)" : "")
        : network.spec(shape).label() + ", seed " + seed;
  }
}
