package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gram matrices from files are checked alike by {@code ak kernel-stats --gram} and {@code ak svm
 * --gram}: square, finite, a diagonal >= 0, symmetric; one line naming the file and the entry.
 * {@code ak svm} refuses an {@code ak kernel} output given as features.
 */
class GramFilesTest {
  @TempDir Path dir;

  private Path gram(String name, float... values) {
    Path f = dir.resolve(name);
    int n = (int) Math.round(Math.sqrt(values.length));
    Npy.writeFloats(f, n * n == values.length ? new long[] {n, n} : new long[] {1, values.length}, values);
    return f;
  }

  private static String stats(Path g) {
    CliTestSupport.Run r = ak("kernel-stats", "--gram", g.toString());
    assertEquals(1, r.exitCode(), r.out());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    return r.err().strip();
  }

  @Test
  void kernelStatsRefusesWhatSvmRefuses() {
    Path ok = gram("ok.npy", 2, 1, 1, 2);
    assertEquals(0, ak("kernel-stats", "--gram", ok.toString()).exitCode());
    Path lower = gram("lower.npy", 2, 0, 1, 2); // one triangle only
    assertEquals("ak: error: " + lower + ": not a Gram matrix: K[0,1] = 0.0 but K[1,0] = 1.0 (expected a symmetric"
        + " matrix, within 1.0E-4 of the largest diagonal element)", stats(lower));
    Path nan = gram("nan.npy", 2, Float.NaN, Float.NaN, 2);
    assertEquals("ak: error: " + nan + ": element [0, 1] is NaN (expected finite values)", stats(nan));
    Path inf = gram("inf.npy", Float.POSITIVE_INFINITY, 0, 0, 1);
    assertEquals("ak: error: " + inf + ": element [0, 0] is Infinity (expected finite values)", stats(inf));
    Path negative = gram("neg.npy", -1, 0, 0, 1);
    assertEquals("ak: error: " + negative + ": K[0,0] = -1.0: the diagonal of a Gram matrix must be >= 0",
        stats(negative));
    Path wide = gram("wide.npy", 1, 2, 3);
    assertEquals("ak: error: " + wide + ": expected a square Gram matrix, got shape (1, 3)", stats(wide));
    CliTestSupport.Run second = ak("kernel-stats", "--gram", ok.toString(), "--gram2", lower.toString());
    assertEquals(1, second.exitCode());
    assertTrue(second.err().startsWith("ak: error: " + lower + ": not a Gram matrix"), second.err());
  }

  @Test
  void svmRefusesAKernelOutputReadAsFeatures() {
    Path g = dir.resolve("G.npy");
    CliTestSupport.Run k = ak("kernel", "--arch", "mlp", "--width", "4", "--split", "train", "--first", "6",
        "--data-dir", TestData.sharedDataDir().toString(), "--out", g.toString());
    assertEquals(0, k.exitCode(), k.err());
    Path y = dir.resolve("y.npy");
    Npy.writeLongs(y, new long[] {6}, new long[] {0, 1, 0, 1, 0, 1});
    CliTestSupport.Run r = ak("svm", "--train", g.toString(), "--train-labels", y.toString(), "--test", g.toString(),
        "--test-labels", y.toString(), "--iterations", "5", "--out", dir.resolve("r.json").toString());
    assertEquals(1, r.exitCode(), r.out());
    assertEquals("ak: error: " + g + ": a kernel matrix (its sidecar G.json was written by ak kernel), read here as"
        + " features: add --gram", r.err().strip());
    assertEquals(0, ak("svm", "--gram", "--train", g.toString(), "--train-labels", y.toString(), "--test",
        g.toString(), "--test-labels", y.toString(), "--iterations", "5", "--out", dir.resolve("r.json").toString())
        .exitCode());
  }
}
