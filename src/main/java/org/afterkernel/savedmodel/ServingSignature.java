package org.afterkernel.savedmodel;

import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * The SavedModel's own {@code serving_default} function, loaded by TensorFlow: the ground truth
 * for the forward pass of an imported model. Owns the bundle: close it.
 */
public final class ServingSignature implements AutoCloseable {
  private static final int BATCH = 256;

  private final SavedModelBundle bundle;
  private final String inputKey;
  private final String outputKey;
  private final long[] inputShape;

  /**
   * Loads the bundle of {@code files}.
   *
   * @param inputShape per-example shape the signature takes (images are reshaped to it)
   */
  public ServingSignature(SavedModelFiles files, long[] inputShape) {
    var sig = files.servingSignature();
    if (sig.getInputsCount() != 1) {
      throw new AkException(files.dir() + ": the serving signature has " + sig.getInputsCount()
          + " inputs " + sig.getInputsMap().keySet() + ", expected one");
    }
    this.inputKey = sig.getInputsMap().keySet().iterator().next();
    if (sig.getOutputsCount() == 1) {
      this.outputKey = sig.getOutputsMap().keySet().iterator().next();
    } else if (sig.getOutputsMap().containsKey("logit")) {
      this.outputKey = "logit";
    } else {
      throw new AkException(files.dir() + ": the serving signature has outputs "
          + sig.getOutputsMap().keySet() + "; expected one output");
    }
    this.inputShape = inputShape.clone();
    try {
      this.bundle = SavedModelBundle.load(files.dir().toString(), "serve");
    } catch (RuntimeException e) {
      if (!TfMessages.fromTensorFlow(e)) {
        throw e;
      }
      throw new AkException(files.dir() + ": TensorFlow cannot load the SavedModel ("
          + TfMessages.firstLine(e.getMessage()) + ")", e);
    }
  }

  /** Name of the signature output compared. */
  public String outputKey() {
    return outputKey;
  }

  /** The signature's output for every image, row-major ({@code count x width}). */
  public float[] run(Images x, int width) {
    float[] out = new float[Math.multiplyExact(x.count(), width)];
    for (int from = 0; from < x.count(); from += BATCH) {
      int n = Math.min(BATCH, x.count() - from);
      long[] shape = new long[inputShape.length + 1];
      shape[0] = n;
      System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
      try (TFloat32 in = Tensors.floats(shape, x.pixels(), from * x.imageSize(), n * x.imageSize());
          Result r = bundle.function(SavedModelFiles.SERVING).call(Map.of(inputKey, in))) {
        Tensor t = r.get(outputKey).orElseThrow();
        if (t.shape().size() != (long) n * width) {
          throw new AkException("the serving signature's output '" + outputKey + "' has shape "
              + t.shape() + ", expected " + n + " x " + width + " values");
        }
        Tensors.copyInto((TFloat32) t, out, from * width);
      }
    }
    return out;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
