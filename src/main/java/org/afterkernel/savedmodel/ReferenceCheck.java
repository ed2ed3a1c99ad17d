package org.afterkernel.savedmodel;

import org.afterkernel.AkException;
import org.afterkernel.data.Images;

/**
 * The forward check of {@code ak savedmodel check} for a {@code .keras} or {@code .h5} file, which
 * has no serving signature: the imported network's full output (float32, TensorFlow) against an
 * independent float64 forward pass of the file's layers computed from the file's arrays ({@link
 * KerasReference}).
 */
public final class ReferenceCheck {
  /** What {@link ImportCheck.Forward#outputKey} says for this comparison. */
  public static final String REFERENCE = "float64 reference of the file's layers";

  /**
   * Largest |imported - reference| accepted, relative to max(1, largest |reference output|): the
   * float32 rounding of the imported network, not a looser test (a misread layer or weight
   * moves outputs by far more).
   */
  public static final double TOLERANCE = 1e-5;

  private ReferenceCheck() {}

  /** True when {@code f}'s difference is within {@link #TOLERANCE} of its scale. */
  public static boolean passes(ImportCheck.Forward f) {
    return f.maxAbsDiff() <= TOLERANCE * Math.max(1, f.maxAbsOutput());
  }

  /**
   * Runs the imported model and the reference on {@code x}.
   *
   * @throws AkException when the model was not imported from a Keras file
   */
  public static ImportCheck.Forward forward(ImportedModel imported, Images x) {
    KerasDescription source = imported.source();
    if (source == null || source.files() != null) {
      throw new AkException("the float64 reference check is for .keras and .h5 files; a SavedModel is checked"
          + " against its serving signature");
    }
    int width = imported.outputWidth();
    float[] mine = imported.model().evaluate(x, imported.output(), width);
    double[][] theirs = new KerasReference(source).outputs(x, imported.modelInputShape());
    double max = 0;
    double scale = 0;
    for (int i = 0; i < x.count(); i++) {
      if (theirs[i].length != width) {
        throw new AkException(source.path() + ": the reference forward pass gives " + theirs[i].length
            + " outputs per image, the imported network " + width);
      }
      for (int k = 0; k < width; k++) {
        double a = mine[i * width + k];
        double b = theirs[i][k];
        max = Math.max(max, Math.abs(a - b));
        scale = Math.max(scale, Math.abs(b));
        if (Double.isNaN(a) != Double.isNaN(b)) {
          max = Double.POSITIVE_INFINITY;
        }
      }
    }
    return new ImportCheck.Forward(x.count(), width, REFERENCE, max, scale);
  }
}
