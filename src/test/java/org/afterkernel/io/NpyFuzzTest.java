package org.afterkernel.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.afterkernel.Fuzzing;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the .npy and .npz readers (seeds and crash inputs in {@code NpyFuzzTestInputs/} beside
 * this class in the test resources): every input parses or is refused with a one-line {@code
 * AkException}, allocating at most what its bytes justify ({@link Fuzzing#check}).
 */
class NpyFuzzTest {
  /** A .npy element becomes at most 8 bytes (uint8 -> int64); header strings are small. */
  private static final double NPY_PER_BYTE = 16;
  /** Deflate expands at most 1032-fold; each decompressed byte is held twice, then up to 8-fold. */
  private static final double NPZ_PER_BYTE = 1032 * 12;

  @FuzzTest(maxDuration = "4m")
  @Timeout(30)
  void npy(byte[] data) throws Exception {
    Path f = Fuzzing.write("x.npy", data);
    Fuzzing.check(data.length, NPY_PER_BYTE, () -> {
      Npy.Header h = Npy.readHeader(f);
      NpyArray a = Npy.read(f);
      if (a.size() != h.count()) {
        throw new AssertionError("header says " + h.count() + " elements, read " + a.size());
      }
    });
  }

  @FuzzTest(maxDuration = "4m")
  @Timeout(30)
  void npz(byte[] data) throws Exception {
    Path f = Fuzzing.write("x.npz", data);
    Fuzzing.check(data.length, NPZ_PER_BYTE, () -> Npz.read(f));
  }
}
