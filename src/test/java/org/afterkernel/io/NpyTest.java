package org.afterkernel.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.AkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path dir;

  /** Bytes of a version-1.0 .npy file written the way numpy.save does, built by hand here. */
  private static byte[] handMade(String descr, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int total = 10 + dict.length() + 1;
    dict = dict + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + dict.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) dict.length()).put(dict.getBytes(StandardCharsets.US_ASCII)).put(data);
    return b.array();
  }

  @Test
  void readsFilesLaidOutAsNumpyWritesThem() throws IOException {
    ByteBuffer d = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : new float[] {1.5f, -2f, 3f, 4f, 0f, 6.25f}) {
      d.putFloat(v);
    }
    Path f = dir.resolve("a.npy");
    Files.write(f, handMade("<f4", "(2, 3)", d.array()));
    NpyArray a = Npy.read(f);
    assertArrayEquals(new long[] {2, 3}, a.shape());
    assertArrayEquals(new float[] {1.5f, -2f, 3f, 4f, 0f, 6.25f}, a.asFloats());

    ByteBuffer be = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putLong(7).putLong(-3);
    Files.write(f, handMade(">i8", "(2,)", be.array()));
    assertArrayEquals(new long[] {7, -3}, Npy.read(f).asLongs());

    Files.write(f, handMade("|u1", "(3,)", new byte[] {0, 1, (byte) 255}));
    assertArrayEquals(new long[] {0, 1, 255}, Npy.read(f).asLongs());
  }

  @Test
  void writtenFilesHaveNumpysLayoutAndReadBack() throws IOException {
    Path f = dir.resolve("w.npy");
    float[] v = {1f, 2f, 3f, 4f, 5f, 6f};
    Npy.writeFloats(f, new long[] {3, 2}, v);
    byte[] bytes = Files.readAllBytes(f);
    ByteBuffer d = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      d.putFloat(x);
    }
    assertArrayEquals(handMade("<f4", "(3, 2)", d.array()), bytes);
    assertEquals(0, (bytes.length - 24) % 64, "header padded to 64 bytes");
    assertArrayEquals(v, Npy.read(f).asFloats());

    double[] dv = {0.1, -1e300};
    Npy.writeDoubles(f, new long[] {2}, dv);
    assertArrayEquals(dv, Npy.read(f).asDoubles());
  }

  @Test
  void streamingWriterCommitsOrLeavesNothing() {
    Path f = dir.resolve("s.npy");
    try (NpyFloatWriter w = new NpyFloatWriter(f, 2, 2)) {
      w.write(new float[] {1, 2});
      w.write(new float[] {3, 4});
      w.commit();
    }
    assertArrayEquals(new float[] {1, 2, 3, 4}, Npy.read(f).asFloats());
    Path g = dir.resolve("t.npy");
    try (NpyFloatWriter w = new NpyFloatWriter(g, 2, 2)) {
      w.write(new float[] {1, 2});
    }
    assertTrue(!Files.exists(g));
    assertEquals(1, dir.toFile().list().length, "no temporary file left: " + String.join(",", dir.toFile().list()));
  }

  @Test
  void badFilesGetErrorsNamingTheFile() throws IOException {
    Path f = dir.resolve("bad.npy");
    Files.write(f, "hello world, not numpy".getBytes(StandardCharsets.US_ASCII));
    AkException e = assertThrows(AkException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("not a .npy"), e.getMessage());

    Files.write(f, handMade("<f4", "(4,)", new byte[8]));
    e = assertThrows(AkException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());

    Files.write(f, handMade("<c8", "(1,)", new byte[8]));
    e = assertThrows(AkException.class, () -> Npy.read(f));
    assertTrue(e.getMessage().contains("'<c8'"), e.getMessage());

    e = assertThrows(AkException.class, () -> Npy.read(dir.resolve("missing.npy")));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void nonIntegralLabelsAreRejected() {
    NpyArray a = NpyArray.ofFloats(new long[] {2}, new float[] {1f, 0.5f});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, a::asLongs);
    assertTrue(e.getMessage().contains("element 1"), e.getMessage());
  }
}
