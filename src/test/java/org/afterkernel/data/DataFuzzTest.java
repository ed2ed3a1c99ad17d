package org.afterkernel.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.Fuzzing;

/**
 * Fuzzes the dataset readers: MNIST's IDX image and label files (gzipped or not) and CIFAR-10's
 * binary batches. Every input parses or is refused with a one-line {@code AkException}, allocating
 * at most what its bytes justify ({@link Fuzzing#check}; gzip expands at most 1032-fold).
 */
class DataFuzzTest {
  private static final double GZIP_PER_BYTE = 1032 * 3;

  @FuzzTest(maxDuration = "3m")
  void idxImages(byte[] data) throws Exception {
    Path f = Fuzzing.write("images-idx3-ubyte", data);
    Fuzzing.check(data.length, GZIP_PER_BYTE, () -> IdxReader.readImages(f, 28, 28));
  }

  @FuzzTest(maxDuration = "2m")
  void idxLabels(byte[] data) throws Exception {
    Path f = Fuzzing.write("labels-idx1-ubyte", data);
    Fuzzing.check(data.length, GZIP_PER_BYTE, () -> IdxReader.readLabels(f));
  }

  @FuzzTest(maxDuration = "2m")
  void cifarBinary(byte[] data) throws Exception {
    Path f = Fuzzing.write("test_batch.bin", data);
    Fuzzing.check(data.length, 3, () -> CifarReader.read(List.of(f)));
  }
}
