package org.afterkernel.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.afterkernel.AkException;
import org.afterkernel.Fuzzing;
import org.junit.jupiter.api.Test;

/** IDX headers that announce more than the file holds are refused without allocating it. */
class IdxLimitsTest {
  private static byte[] header(int magic, int... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + 100);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.array(); // followed by 100 zero bytes of "data"
  }

  private static String refused(Path f, long size, Fuzzing.Read read) throws Exception {
    String[] m = {null};
    Fuzzing.check(size, 16, () -> {
      m[0] = assertThrows(AkException.class, read::run).getMessage();
    });
    return m[0];
  }

  @Test
  void aHeaderAnnouncingTwoGigabytesOfImagesIsRefusedWithoutAllocatingThem() throws Exception {
    int count = (Integer.MAX_VALUE - 16) / 784; // 2.7 million images: 2 GB
    byte[] data = header(IdxReader.IMAGES_MAGIC, count, 28, 28);
    for (boolean gzip : new boolean[] {false, true}) {
      Path f = Fuzzing.write(gzip ? "images.gz" : "images", gzip ? TestData.gzip(data) : data);
      String m = refused(f, data.length, () -> IdxReader.readImages(f, 28, 28));
      assertTrue(m.contains("truncated: the header announces " + count + " images of 28x28"), m);
      assertTrue(m.contains("the data ends after 100 bytes"), m);
    }
  }

  @Test
  void aHeaderAnnouncingTwoBillionLabelsIsRefusedWithoutAllocatingThem() throws Exception {
    byte[] data = header(IdxReader.LABELS_MAGIC, Integer.MAX_VALUE - 17);
    Path f = Fuzzing.write("labels", data);
    String m = refused(f, data.length, () -> IdxReader.readLabels(f));
    assertTrue(m.contains("truncated: the header announces 2147483630 labels"), m);
  }
}
