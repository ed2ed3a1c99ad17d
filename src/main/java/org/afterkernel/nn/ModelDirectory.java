package org.afterkernel.nn;

import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npz;

/**
 * A directory written by {@code ak train}: {@code network.json} (the {@link NetworkSpec}), {@code
 * weights.npz} (after training) and {@code weights-initial.npz} (at initialisation).
 */
public final class ModelDirectory {
  /** File holding the network description. */
  public static final String NETWORK_FILE = "network.json";
  /** File holding the trained weights. */
  public static final String WEIGHTS_FILE = "weights.npz";
  /** File holding the input whitening, when the network was trained on whitened inputs. */
  public static final String WHITENING_FILE = "whitening.npz";
  /** File holding the initial weights. */
  public static final String INITIAL_WEIGHTS_FILE = "weights-initial.npz";

  private ModelDirectory() {}

  /** Which weights of a training run to load. */
  public enum Stage { TRAINED, INITIAL }

  /** Writes the network description and the weights for {@code stage}. */
  public static void write(Path dir, Model model, Stage stage) {
    Json.write(dir.resolve(NETWORK_FILE), model.spec());
    if (model.whitening() != null) {
      Npz.write(dir.resolve(WHITENING_FILE), model.whitening().arrays());
    }
    model.weights().save(dir.resolve(stage == Stage.TRAINED ? WEIGHTS_FILE : INITIAL_WEIGHTS_FILE));
  }

  /** True when {@code dir} looks like an {@code ak train} output. */
  public static boolean isModelDirectory(Path dir) {
    return Files.isRegularFile(dir.resolve(NETWORK_FILE));
  }

  /** Rebuilds the network of {@code dir} and loads the weights of {@code stage}. */
  public static Model open(Path dir, Stage stage) {
    return open(dir, stage, null);
  }

  /**
   * Rebuilds the network of {@code dir} with {@code head} choosing the logit of a network of
   * several outputs (null: the single output, or none) and loads the weights of {@code stage}.
   */
  public static Model open(Path dir, Stage stage, OutputHead head) {
    Path specFile = dir.resolve(NETWORK_FILE);
    if (!Files.isRegularFile(specFile)) {
      throw new AkException(dir + ": not a model directory (no " + NETWORK_FILE + "; expected the --out of ak train)");
    }
    NetworkSpec spec;
    try {
      spec = Json.read(specFile, NetworkSpec.class);
    } catch (AkException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AkException(specFile + ": " + e.getMessage());
    }
    Path weights = dir.resolve(stage == Stage.TRAINED ? WEIGHTS_FILE : INITIAL_WEIGHTS_FILE);
    Weights w = Weights.load(weights);
    Path whiteningFile = dir.resolve(WHITENING_FILE);
    Whitening whitening = null;
    if (Files.isRegularFile(whiteningFile)) {
      try {
        whitening = Whitening.of(Npz.read(whiteningFile));
      } catch (RuntimeException e) {
        throw new AkException(whiteningFile + ": " + e.getMessage() + " (expected mean, matrix and eps_rank)");
      }
    }
    Model m;
    try {
      m = Model.create(spec, 0, whitening, head);
    } catch (IllegalArgumentException e) {
      throw new AkException(dir + ": " + e.getMessage());
    }
    try {
      w.checkFits(m.parameters(), weights.toString());
      m.setWeights(w);
      return m;
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }
}
