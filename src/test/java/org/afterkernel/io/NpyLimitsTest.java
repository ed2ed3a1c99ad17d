package org.afterkernel.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.afterkernel.AkException;
import org.afterkernel.Fuzzing;
import org.junit.jupiter.api.Test;

/** Headers that lie about sizes are refused before anything of the claimed size is allocated. */
class NpyLimitsTest {
  /** A version 1.0 .npy header with {@code dict}, then {@code dataBytes} zero bytes. */
  static byte[] npy(String dict, int dataBytes) {
    byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(10 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text);
    return b.array();
  }

  private static String refused(String name, byte[] data, double perByte, boolean npz) throws Exception {
    Path f = Fuzzing.write(name, data);
    String[] message = {null};
    Fuzzing.check(data.length, perByte, () -> {
      AkException e = assertThrows(AkException.class, () -> {
        if (npz) {
          Npz.read(f);
        } else {
          Npy.read(f);
        }
      });
      message[0] = e.getMessage();
      throw e;
    });
    return message[0];
  }

  @Test
  void aHundredByteHeaderClaimingATrillionElementsIsRefusedBeforeAllocating() throws Exception {
    byte[] data = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }", 16);
    assertTrue(data.length < 100, "a " + data.length + "-byte file");
    String m = refused("huge.npy", data, 16, false);
    assertTrue(m.contains("truncated: header says (1000000, 1000000) <f4 (4000000000000 bytes of data)"), m);
  }

  @Test
  void negativeAndOverflowingDimensionsAreRefused() throws Exception {
    String m = refused("negative.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-3, 2), }", 0), 16,
        false);
    assertTrue(m.contains("shape (-3, 2)") && m.contains("negative"), m);
    m = refused("overflow.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4), }",
        0), 16, false);
    assertTrue(m.contains("more elements than a long can count"), m);
  }

  @Test
  void anNpzEntryClaimingMoreThanItHoldsIsRefused() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("w.npy"));
      zip.write(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000,), }", 64));
      zip.closeEntry();
    }
    String m = refused("huge.npz", out.toByteArray(), 16, true);
    assertTrue(m.contains("huge.npz!w.npy: truncated"), m);
  }
}
