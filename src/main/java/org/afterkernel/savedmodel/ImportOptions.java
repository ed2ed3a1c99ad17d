package org.afterkernel.savedmodel;

import org.afterkernel.nn.OutputHead;

/**
 * What the user chose about the differentiated scalar.
 *
 * @param head which component (or difference) of the output; null for the only output
 * @param preSoftmax take the logits before a final softmax (or sigmoid): true, false, or null
 *     for the default (true when the model ends in one)
 * @param imageShape the (height, width, channels) of the images the model will see (the
 *     dataset's), or null to take them from the model's input shape
 * @param multiOutputDefault the head used when {@code head} is null and the output has several
 *     components; null makes that an error asking the user to choose
 */
public record ImportOptions(OutputHead head, Boolean preSoftmax, long[] imageShape,
    OutputHead multiOutputDefault) {
  /** Defaults: the single output, pre-softmax when the model ends in softmax, the model's shape. */
  public static ImportOptions defaults() {
    return new ImportOptions(null, null, null, null);
  }

  /** The same options for images of {@code shape}. */
  public ImportOptions withImageShape(long[] shape) {
    return new ImportOptions(head, preSoftmax, shape == null ? null : shape.clone(), multiOutputDefault);
  }

  /** The same options with another head. */
  public ImportOptions withHead(OutputHead h) {
    return new ImportOptions(h, preSoftmax, imageShape, multiOutputDefault);
  }

  /** The same options with a head for multi-output models when the user chose none. */
  public ImportOptions withMultiOutputDefault(OutputHead h) {
    return new ImportOptions(head, preSoftmax, imageShape, h);
  }
}
