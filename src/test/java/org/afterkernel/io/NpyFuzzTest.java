package org.afterkernel.io;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.afterkernel.Fuzzing;

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

  @DictionaryEntries({"'descr': ", "'fortran_order': ", "'shape': (", "True", "False", "<f4", "<f8", ">i8", "|u1", "|b1", "<u8", "<i2", "-1", "0L", "9223372036854775807", "4294967296", ",)", "\u0093NUMPY"})
  @FuzzTest(maxDuration = "4m")
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

  @DictionaryEntries({"PK\u0003\u0004", "PK\u0001\u0002", "PK\u0005\u0006", ".npy", "'shape': ("})
  @FuzzTest(maxDuration = "3m")
  void npz(byte[] data) throws Exception {
    Path f = Fuzzing.write("x.npz", data);
    Fuzzing.check(data.length, NPZ_PER_BYTE, () -> Npz.read(f));
  }
}
