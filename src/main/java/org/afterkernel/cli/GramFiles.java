package org.afterkernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.TrainingSet;

/**
 * Gram matrices read from files ({@code ak kernel-stats --gram}, {@code ak svm}): checked as
 * {@code ak svm --gram} checks them (finite, square, a diagonal >= 0, symmetric up to {@link
 * TrainingSet.Gram#SYMMETRY_TOLERANCE} of the largest diagonal element), with errors naming the
 * file; and whether a {@code .npy} is a Gram matrix by its {@code ak kernel} sidecar.
 */
final class GramFiles {
  private GramFiles() {}

  /** The square, symmetric, finite Gram matrix in {@code file}. */
  static DenseMatrix gram(Path file) {
    DenseMatrix k = SvmInputs.matrix(file, "a Gram matrix");
    if (k.rows() != k.cols()) {
      throw new AkException(file + ": expected a square Gram matrix, got shape (" + k.rows() + ", " + k.cols() + ")");
    }
    int n = k.rows();
    float maxDiagonal = 0;
    for (int i = 0; i < n; i++) {
      float d = k.get(i, i);
      if (!(d >= 0)) {
        throw new AkException(file + ": K[" + i + "," + i + "] = " + d + ": the diagonal of a Gram matrix must be >= 0");
      }
      maxDiagonal = Math.max(maxDiagonal, d);
    }
    double tolerance = TrainingSet.Gram.SYMMETRY_TOLERANCE * maxDiagonal;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        float a = k.get(i, j);
        float b = k.get(j, i);
        if (!(Math.abs(a - b) <= tolerance)) {
          throw new AkException(file + ": not a Gram matrix: K[" + i + "," + j + "] = " + a + " but K[" + j + "," + i
              + "] = " + b + " (expected a symmetric matrix, within " + TrainingSet.Gram.SYMMETRY_TOLERANCE
              + " of the largest diagonal element)");
        }
      }
    }
    return k;
  }

  /** Whether {@code npy}'s sidecar ({@code X.json}) says {@code ak kernel} wrote it. */
  static boolean writtenByKernel(Path npy) {
    Path sidecar = FeaturesCommand.sidecar(npy);
    if (!Files.isRegularFile(sidecar)) {
      return false;
    }
    try {
      JsonNode n = Json.readTree(sidecar);
      return n.has("rows") && n.has("cols") && !n.has("shape");
    } catch (AkException notJson) {
      return false;
    }
  }
}
