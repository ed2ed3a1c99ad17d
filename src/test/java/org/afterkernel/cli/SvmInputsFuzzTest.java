package org.afterkernel.cli;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.Arrays;
import org.afterkernel.Fuzzing;
import org.afterkernel.linear.Certificate;
import org.afterkernel.linear.ExactSvm;
import org.afterkernel.linear.Solution;
import org.afterkernel.linear.StopReason;
import org.afterkernel.linear.StopRule;
import org.afterkernel.linear.TrainingSet;

/**
 * Fuzzes the inputs of {@code ak svm} with the exact solver behind them (seeds in {@code
 * SvmInputsFuzzTestInputs/}): the first byte chooses features or a Gram matrix, the next two (big-endian) where the
 * rest splits into the matrix's {@code .npy} and the labels' {@code .npy}. Every input is refused
 * with a one-line {@code AkException} or solved (small problems: at most 48 examples) to a result
 * whose certificate is consistent: separable with a positive margin and a KKT residual at most the
 * tolerance, or not separable and flagged.
 */
class SvmInputsFuzzTest {
  /** Npy readers hold an element in at most 8 bytes; the solver's arrays are O(n^2) for n <= 48. */
  private static final double PER_BYTE = 64;

  @DictionaryEntries({"\u0093NUMPY", "'descr': '<f4'", "'descr': '<i8'", "'fortran_order': False", "'shape': (", ",)", "(3, 3)", "(4, 4)", "(4,)", "(3,)"})
  @FuzzTest(maxDuration = "2m")
  void trainingSet(byte[] data) throws Exception {
    if (data.length < 4) {
      return;
    }
    boolean gram = (data[0] & 1) == 1;
    int split = 3 + (((data[1] & 0xff) << 8) | (data[2] & 0xff)) % (data.length - 3);
    Path x = Fuzzing.write("x.npy", Arrays.copyOfRange(data, 3, split));
    Path y = Fuzzing.write("y.npy", Arrays.copyOfRange(data, split, data.length));
    Fuzzing.check(data.length, PER_BYTE, () -> {
      TrainingSet set = SvmInputs.trainingSet(x, y, gram, null);
      if (set.size() > 48 || (set instanceof TrainingSet.Features f && f.x().cols() > 48)) {
        return;
      }
      Solution s = new ExactSvm().fit(set, StopRule.kkt(1e-8, ExactSvm.DEFAULT_ROUNDS));
      Certificate c = s.certificate();
      if (Boolean.TRUE.equals(c.separable())) {
        if (!(s.trainingMargin() > 0) || (s.stopReason() == StopReason.KKT && !(c.kktResidual() <= 1e-8))) {
          throw new AssertionError("separable but margin " + s.trainingMargin() + ", " + c);
        }
      } else if (Boolean.FALSE.equals(c.separable()) && s.stopReason() != StopReason.NOT_SEPARABLE) {
        throw new AssertionError("not separable but stopped by " + s.stopReason());
      }
    });
  }
}
