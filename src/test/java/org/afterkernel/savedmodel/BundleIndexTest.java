package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.afterkernel.AkException;
import org.afterkernel.Fuzzing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The Java check of checkpoint indexes: genuine ones (Keras's and ak train's) pass with the keys
 * TensorFlow's reader lists; an index rewritten by the plain table writer of this test reads back
 * the same tensors through TensorFlow; and indexes TensorFlow's C++ reader would abort the process
 * on, or allocate terabytes for, are refused in Java.
 */
class BundleIndexTest {
  private static final Path SHARED = Path.of("..", "shared", "savedmodels");
  private static final Path SUM = Path.of("savedmodels", "sum-mnist-3v8-1epoch", "variables");

  @TempDir Path dir;

  @Test
  void genuineIndexesPassWithTheKeysTensorFlowReads() throws Exception {
    List<Path> prefixes = new ArrayList<>(List.of(SUM.resolve("variables"),
        Path.of("savedmodels", "mlp-mnist-3v8-1epoch", "variables", "variables")));
    for (String m : List.of("keras_mnist_mlp_vignesh", "keras_mnist_cnn_th368", "keras_cifar10_cnn_logits_lao")) {
      prefixes.add(sharedDir().resolve(m).resolve("variables").resolve("variables"));
    }
    for (Path p : prefixes) {
      List<String> ours = BundleIndex.check(p.toString());
      List<String> tf = CheckpointIndex.keys(p.toString());
      assertEquals(new HashSet<>(tf), new HashSet<>(ours), p.toString());
      assertTrue(ours.size() >= 4, p + ": " + ours);
    }
  }

  @Test
  void anIndexRewrittenByAPlainTableWriterReadsBackTheSameTensors() throws Exception {
    Path prefix = copySum();
    List<TableFile.Entry> entries = TableFile.entries("sum", Files.readAllBytes(SUM.resolve("variables.index")));
    Files.write(Path.of(prefix + ".index"), table(entries));
    Checkpoint original = new Checkpoint(SUM.resolve("variables").toString());
    Checkpoint rewritten = new Checkpoint(prefix.toString());
    List<String> floats = original.keys().stream().filter(k -> !k.equals(Checkpoint.OBJECT_GRAPH_KEY)).toList();
    Map<String, float[]> a = original.readFloats(floats);
    Map<String, float[]> b = rewritten.readFloats(floats);
    for (String k : floats) {
      assertArrayEquals(a.get(k), b.get(k), k);
    }
  }

  @Test
  void aShapeClaimingTerabytesIsRefusedBeforeTensorFlowAllocatesIt() throws Exception {
    Path prefix = copySum();
    List<TableFile.Entry> entries = new ArrayList<>(
        TableFile.entries("sum", Files.readAllBytes(SUM.resolve("variables.index"))));
    BundleEntryProto huge = BundleEntryProto.newBuilder().setDtype(DataType.DT_FLOAT)
        .setShape(TensorShapeProto.newBuilder().addDim(dim(1_000_000)).addDim(dim(1_000_000)))
        .setSize(16).build();
    entries.add(new TableFile.Entry("zz_huge", huge.toByteArray()));
    Files.write(Path.of(prefix + ".index"), table(entries));
    AkException e = assertThrows(AkException.class, () -> new Checkpoint(prefix.toString()).readFloats(List.of("zz_huge")));
    assertTrue(e.getMessage().contains("tensor 'zz_huge': its shape needs exactly 4 x 1000000000000 bytes, the entry"
        + " records 16"), e.getMessage());

    entries.set(entries.size() - 1, new TableFile.Entry("zz_huge", huge.toBuilder().clearShape()
        .setShape(TensorShapeProto.newBuilder().addDim(dim(4))).setOffset(1L << 40).build().toByteArray()));
    Files.write(Path.of(prefix + ".index"), table(entries));
    e = assertThrows(AkException.class, () -> new Checkpoint(prefix.toString()).keys());
    assertTrue(e.getMessage().contains("lie outside its 196-byte data file"), e.getMessage());

    entries.set(entries.size() - 1, new TableFile.Entry("zz_huge", huge.toBuilder().clearShape()
        .setShape(TensorShapeProto.newBuilder().addDim(dim(-4))).build().toByteArray()));
    Files.write(Path.of(prefix + ".index"), table(entries));
    e = assertThrows(AkException.class, () -> new Checkpoint(prefix.toString()).keys());
    assertTrue(e.getMessage().contains("dimension -4 in its shape"), e.getMessage());
  }

  @Test
  void theFuzzersBlockHandleClaimingExabytesIsRefusedInJava() throws Exception {
    // Found by SavedModelFuzzTest#checkpointIndex: TensorFlow's reader died with std::bad_alloc.
    Path inputs = Path.of("src/test/resources/org/afterkernel/savedmodel/SavedModelFuzzTestInputs/checkpointIndex");
    Path prefix = copySum();
    int crashes = 0;
    try (var s = Files.list(inputs)) {
      for (Path crash : s.filter(p -> p.getFileName().toString().startsWith("crash-")).toList()) {
        Files.copy(crash, Path.of(prefix + ".index"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        AkException e = assertThrows(AkException.class, () -> new Checkpoint(prefix.toString()).keys());
        assertTrue(e.getMessage().contains("not a valid checkpoint index"), e.getMessage());
        crashes++;
      }
    }
    assertTrue(crashes >= 1, "the crash input is kept");
    Fuzzing.check(0, 0, () -> BundleIndex.check(prefix.toString()));
  }

  private Path copySum() throws Exception {
    Path v = Files.createDirectories(dir.resolve("variables"));
    Files.copy(SUM.resolve("variables.data-00000-of-00001"), v.resolve("variables.data-00000-of-00001"));
    Files.copy(SUM.resolve("variables.index"), v.resolve("variables.index"));
    return v.resolve("variables");
  }

  private static Path sharedDir() {
    String env = System.getenv("AK_DATA_DIR");
    return env != null ? Path.of(env).resolveSibling("savedmodels") : SHARED;
  }

  private static TensorShapeProto.Dim dim(long size) {
    return TensorShapeProto.Dim.newBuilder().setSize(size).build();
  }

  /**
   * A table file written plainly from its definition: one data block holding every entry with no
   * shared key prefix and one restart point, an empty meta-index block, an index block with the
   * data block's handle, and the footer; each block with type 0 and its masked CRC32C.
   */
  static byte[] table(List<TableFile.Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (TableFile.Entry e : entries) {
      byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
      varint(data, 0);
      varint(data, key.length);
      varint(data, e.value().length);
      data.writeBytes(key);
      data.writeBytes(e.value());
    }
    long[] dataHandle = writeBlock(out, data.toByteArray(), 1);
    long[] metaHandle = writeBlock(out, new byte[0], 1);
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    ByteArrayOutputStream handle = new ByteArrayOutputStream();
    varint(handle, dataHandle[0]);
    varint(handle, dataHandle[1]);
    String last = entries.get(entries.size() - 1).key() + "\u0000";
    varint(index, 0);
    varint(index, last.length());
    varint(index, handle.size());
    index.writeBytes(last.getBytes(StandardCharsets.UTF_8));
    index.writeBytes(handle.toByteArray());
    long[] indexHandle = writeBlock(out, index.toByteArray(), 1);
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    varint(footer, metaHandle[0]);
    varint(footer, metaHandle[1]);
    varint(footer, indexHandle[0]);
    varint(footer, indexHandle[1]);
    footer.writeBytes(new byte[40 - footer.size()]);
    footer.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0xdb4775248b80fb57L).array());
    out.writeBytes(footer.toByteArray());
    return out.toByteArray();
  }

  /** Writes entries + restart array (one restart at 0) + count + trailer; returns the handle. */
  private static long[] writeBlock(ByteArrayOutputStream out, byte[] entries, int restarts) {
    ByteBuffer b = ByteBuffer.allocate(entries.length + 4 * restarts + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
    b.put(entries);
    for (int i = 0; i < restarts; i++) {
      b.putInt(0);
    }
    b.putInt(restarts);
    b.put((byte) 0);
    byte[] block = b.array();
    CRC32C crc = new CRC32C();
    crc.update(block, 0, block.length);
    int c = (int) crc.getValue();
    int masked = ((c >>> 15) | (c << 17)) + 0xa282ead8;
    long offset = out.size();
    out.writeBytes(block);
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(masked).array());
    return new long[] {offset, block.length - 1};
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
