package org.afterkernel.track;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.nn.WhiteningSpec;
import org.afterkernel.train.Augmentation;
import org.afterkernel.train.LossFunction;
import org.afterkernel.train.TrainConfig;

/**
 * What {@code ak track} runs: a network, its training, and where the kernel trajectory is recorded.
 * Immutable and validated; JSON keys are the kebab-case names (a config file of {@code ak track
 * --config}). Null fields take the defaults of {@link #defaults()}.
 *
 * @param dataset mnist or cifar10
 * @param minusClass the class labelled 0 (target -1)
 * @param plusClass the class labelled 1 (target +1)
 * @param trainExamples P, the first P training images of the task (0: all)
 * @param probeExamples the first N training images on which the kernel is recorded (at most P)
 * @param testExamples the first N test images whose loss and error are recorded (0: none)
 * @param preset the network: vgg, mega-vgg, mlp or sum
 * @param width hidden units / first-block channels (null: the preset's)
 * @param hidden MLP hidden widths, one per layer (null: the preset's layers)
 * @param activation hidden activation: relu, tanh, linear (null: relu)
 * @param bias whether layers add a bias (null: true)
 * @param initScale every initial weight times this (null: 1)
 * @param epochs epochs to train
 * @param learningRate SGD learning rate
 * @param batchSize a number or {@code full} (gradient descent on the whole training set)
 * @param loss bce (binary cross-entropy, the original's) or mse (targets +-1)
 * @param whiten null, {@code zca} or {@code zca:EPS}: ZCA whitening fitted on the training images
 * @param seed fixes initialisation and shuffling
 * @param records about this many log-spaced records from step 0 to the end (with {@code every}
 *     null)
 * @param every record every N steps instead (null: log-spaced)
 * @param topK eigenvectors compared with the final kernel's
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public record TrackConfig(
    String dataset,
    int minusClass,
    int plusClass,
    int trainExamples,
    int probeExamples,
    int testExamples,
    String preset,
    Integer width,
    List<Integer> hidden,
    String activation,
    Boolean bias,
    Double initScale,
    int epochs,
    double learningRate,
    String batchSize,
    String loss,
    String whiten,
    long seed,
    int records,
    Integer every,
    int topK) {

  public TrackConfig {
    Dataset.fromName(dataset);
    try {
      new ClassPair(minusClass, plusClass);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("minus-class/plus-class: " + e.getMessage());
    }
    check(trainExamples >= 0, "train-examples", trainExamples, ">= 0 (0: all)");
    check(probeExamples >= 2, "probe-examples", probeExamples, ">= 2");
    check(trainExamples == 0 || probeExamples <= trainExamples, "probe-examples", probeExamples,
        "at most train-examples (" + trainExamples + "): the probe set is the first training images");
    check(testExamples >= 0, "test-examples", testExamples, ">= 0 (0: none)");
    check(preset != null && NetworkSpec.PRESETS.contains(preset), "preset", preset, "one of " + NetworkSpec.PRESETS);
    check(epochs >= 1, "epochs", epochs, ">= 1");
    check(learningRate > 0 && Double.isFinite(learningRate), "learning-rate", learningRate, "> 0");
    batchSize = batchSize == null ? "32" : batchSize;
    TrainConfig.parseBatchSize(batchSize);
    loss = LossFunction.parseBinary(loss).cliName();
    if (whiten != null) {
      WhiteningSpec.parse(whiten);
    }
    check(records >= 2, "records", records, ">= 2");
    check(every == null || every >= 1, "every", every, ">= 1");
    check(topK >= 1 && topK <= probeExamples, "top-k", topK, "1..probe-examples (" + probeExamples + ")");
    Activation.ofStudy(activation);
  }

  private static void check(boolean ok, String field, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(field + " is " + value + ", expected " + expected);
    }
  }

  /** The defaults: a 4 x 94 MLP on 1,000 MNIST 3-vs-8 images, Keras's training, 60 records. */
  public static TrackConfig defaults() {
    return new TrackConfig("mnist", 3, 8, 1000, 1000, 0, "mlp", null, null, null, null, null, 10, 0.01, "32",
        "bce", null, 1, 60, null, 10);
  }

  /**
   * Reads a config file: its keys over {@link #defaults()} (unknown keys are refused).
   *
   * @throws AkException naming the file and the key or value at fault
   */
  public static TrackConfig read(Path file) {
    JsonNode given = Json.readTree(file);
    if (!given.isObject()) {
      throw new AkException(file + ": expected a JSON object of track settings");
    }
    ObjectNode merged = Json.MAPPER.valueToTree(defaults());
    given.fields().forEachRemaining(e -> {
      if (!merged.has(e.getKey())) {
        throw new AkException(file + ": unknown key '" + e.getKey() + "' (expected one of "
            + Json.MAPPER.valueToTree(defaults()).properties().stream().map(Map.Entry::getKey).toList() + ")");
      }
      merged.set(e.getKey(), e.getValue());
    });
    try {
      return Json.MAPPER.treeToValue(merged, TrackConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String msg = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
      throw new AkException(file + ": " + AkException.firstLine(msg, 300));
    }
  }

  /** The dataset. */
  public Dataset datasetValue() {
    return Dataset.fromName(dataset);
  }

  /** The binary task. */
  public ClassPair classes() {
    return new ClassPair(minusClass, plusClass);
  }

  /** The network, for this config's images. */
  public NetworkSpec networkSpec() {
    Dataset d = datasetValue();
    NetworkSpec s = NetworkSpec.preset(preset, d.height(), d.width(), d.channels());
    if (width != null) {
      s = s.withWidth(width);
    }
    return s.withSettings(hidden, Activation.ofStudy(activation), bias, initScale);
  }

  /** The training (no augmentation; the number of epochs as given). */
  public TrainConfig trainConfig() {
    return new TrainConfig(epochs, learningRate, TrainConfig.parseBatchSize(batchSize), null, Augmentation.NONE,
        seed, LossFunction.parseBinary(loss));
  }

  /** The input whitening's regularizer (null: inputs are not whitened). */
  public Double whiteningEps() {
    return whiten == null ? null : WhiteningSpec.parse(whiten);
  }
}
