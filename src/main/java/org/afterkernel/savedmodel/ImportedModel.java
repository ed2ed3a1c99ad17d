package org.afterkernel.savedmodel;

import java.util.Arrays;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.OutputHead;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A Keras model (a SavedModel, or a {@code .keras} or {@code .h5} file) rebuilt as a project {@link
 * Model} with its trained weights, and what is needed to compare it with the original: the full
 * model output (Keras's, final softmax included) and the model's own input shape. Owns the model:
 * close it.
 */
public final class ImportedModel implements AutoCloseable {
  private final SavedModelFiles files;
  private final KerasDescription source;
  private final Model model;
  private final Operand<TFloat32> output;
  private final long[] outputShape;
  private final long[] modelInputShape;
  private final Activation removedActivation;
  private final OutputHead head;
  private final String description;

  /**
   * @param files the SavedModel it was imported from
   * @param model the rebuilt network with its weights
   * @param output the model's output as Keras computes it ({@code [batch, outputShape...]})
   * @param outputShape its per-example shape
   * @param modelInputShape the SavedModel's own per-example input shape (may differ in layout from
   *     the images, e.g. {@code (784)} for 28x28x1 images)
   * @param removedActivation the final activation left out of the logit (LINEAR when none)
   * @param head how the logit is picked from the (pre-activation) output
   * @param description where the network came from, one line
   */
  ImportedModel(SavedModelFiles files, Model model, Operand<TFloat32> output, long[] outputShape, long[] modelInputShape,
      Activation removedActivation, OutputHead head, String description) {
    this(files, null, model, output, outputShape, modelInputShape, removedActivation, head, description);
  }

  /** An import from a Keras description (its SavedModel files, or none for a Keras file). */
  ImportedModel(KerasDescription source, Model model, Operand<TFloat32> output, long[] outputShape,
      long[] modelInputShape, Activation removedActivation, OutputHead head, String description) {
    this(source.files(), source, model, output, outputShape, modelInputShape, removedActivation, head, description);
  }

  private ImportedModel(SavedModelFiles files, KerasDescription source, Model model, Operand<TFloat32> output,
      long[] outputShape, long[] modelInputShape, Activation removedActivation, OutputHead head, String description) {
    this.files = files;
    this.source = source;
    this.model = model;
    this.output = output;
    this.outputShape = outputShape.clone();
    this.modelInputShape = modelInputShape.clone();
    this.removedActivation = removedActivation;
    this.head = head;
    this.description = description;
  }

  /** The SavedModel it was imported from; null for a {@code .keras} or {@code .h5} file. */
  public SavedModelFiles files() {
    return files;
  }

  /** The format it was imported from. */
  public ModelFormat format() {
    return source == null ? ModelFormat.SAVEDMODEL : source.format();
  }

  /** The Keras description it was built from; null for a model exported by {@code ak train}. */
  KerasDescription source() {
    return source;
  }

  /** The rebuilt model: logits, conjugate features, taps, weights. */
  public Model model() {
    return model;
  }

  /** The full output as the SavedModel computes it. */
  public Operand<TFloat32> output() {
    return output;
  }

  /** Number of output values per example. */
  public int outputWidth() {
    return Math.toIntExact(Arrays.stream(outputShape).reduce(1, Math::multiplyExact));
  }

  /** The SavedModel's own per-example input shape. */
  public long[] modelInputShape() {
    return modelInputShape.clone();
  }

  /** The final activation the logit is taken before (LINEAR when none was removed). */
  public Activation removedActivation() {
    return removedActivation;
  }

  /** How the logit is picked. */
  public OutputHead head() {
    return head;
  }

  /** E.g. {@code Keras Sequential 'sequential' (TF 2.6.0, keras_metadata.pb)}. */
  public String description() {
    return description;
  }

  /** The differentiated scalar in words, e.g. {@code output 3 before the final softmax}. */
  public String logitDescription() {
    return head.describe() + (removedActivation == Activation.LINEAR ? ""
        : " before the final " + removedActivation.kerasName());
  }

  @Override
  public void close() {
    model.close();
  }
}
