package org.afterkernel.cli;

import java.nio.file.Path;
import org.afterkernel.AkException;
import org.afterkernel.io.Npy;
import org.afterkernel.io.NpyArray;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.Labels;
import org.afterkernel.linear.TrainingSet;

/** Reads and checks the {@code .npy} inputs of {@code ak svm}, with errors naming the file. */
final class SvmInputs {
  private SvmInputs() {}

  /** A two-dimensional float matrix with finite values; {@code what} names its role. */
  static DenseMatrix matrix(Path file, String what) {
    NpyArray a = Npy.read(file);
    if (a.rank() != 2) {
      throw new AkException(file + ": expected " + what + " as a 2-D array, got shape " + a.shapeString());
    }
    if (a.dim(0) == 0 || a.dim(1) == 0) {
      throw new AkException(file + ": " + what + " is empty (shape " + a.shapeString() + ")");
    }
    if (a.dim(0) * a.dim(1) > Integer.MAX_VALUE - 8) {
      throw new AkException(file + ": shape " + a.shapeString() + " has more than 2^31 elements");
    }
    DenseMatrix m = DenseMatrix.of(a);
    float[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      if (!Float.isFinite(d[i])) {
        throw new AkException(
            file + ": element [" + i / m.cols() + ", " + i % m.cols() + "] is " + d[i]
                + " (expected finite values)");
      }
    }
    return m;
  }

  /** Labels 0/1 (integer or integral float), one per row of a matrix with {@code rows} rows. */
  static Labels labels(Path file, int rows, Path matrixFile) {
    NpyArray a = Npy.read(file);
    boolean column = a.rank() == 2 && a.dim(1) == 1;
    if (a.rank() != 1 && !column) {
      throw new AkException(file + ": expected labels as a 1-D array, got shape " + a.shapeString());
    }
    if (a.dim(0) != rows) {
      throw new AkException(
          file + ": " + a.dim(0) + " labels, but " + matrixFile + " has " + rows + " rows");
    }
    long[] values;
    try {
      values = a.asLongs();
    } catch (IllegalArgumentException e) {
      throw new AkException(file + ": " + e.getMessage() + " (labels must be 0 or 1)");
    }
    try {
      return Labels.of(values);
    } catch (IllegalArgumentException e) {
      throw new AkException(file + ": " + e.getMessage());
    }
  }

  /**
   * The training set of {@code ak svm}: features, or with {@code gram} the n x n training Gram
   * matrix (symmetric up to rounding, non-negative diagonal), with labels of both classes. Without
   * {@code gram}, a file that {@code ak kernel} wrote ({@code train} or {@code test}) is refused.
   */
  static TrainingSet trainingSet(Path train, Path trainLabels, boolean gram, Path test) {
    DenseMatrix x = matrix(train, gram ? "the training Gram matrix" : "training features");
    Labels y = labels(trainLabels, x.rows(), train);
    try {
      y.requireBothClasses();
    } catch (IllegalArgumentException e) {
      throw new AkException(trainLabels + ": " + e.getMessage());
    }
    if (!gram) {
      for (Path f : test == null ? new Path[] {train} : new Path[] {train, test}) {
        if (GramFiles.writtenByKernel(f)) {
          throw new AkException(f + ": a kernel matrix (its sidecar " + FeaturesCommand.sidecar(f).getFileName()
              + " was written by ak kernel), read here as features: add --gram");
        }
      }
      return new TrainingSet.Features(x, y);
    }
    try {
      return new TrainingSet.Gram(x, y);
    } catch (IllegalArgumentException e) {
      throw new AkException(train + ": " + e.getMessage() + " (with --gram, --train is the n x n training Gram matrix)");
    }
  }
}
