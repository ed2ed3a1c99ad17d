package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    Files.write(Path.of(prefix + ".index"), TableWriter.table(entries));
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
    Files.write(Path.of(prefix + ".index"), TableWriter.table(entries));
    AkException e = assertThrows(AkException.class, () -> new Checkpoint(prefix.toString()).readFloats(List.of("zz_huge")));
    assertTrue(e.getMessage().contains("tensor 'zz_huge': its shape needs exactly 4 x 1000000000000 bytes, the entry"
        + " records 16"), e.getMessage());

    entries.set(entries.size() - 1, new TableFile.Entry("zz_huge", huge.toBuilder().clearShape()
        .setShape(TensorShapeProto.newBuilder().addDim(dim(4))).setOffset(1L << 40).build().toByteArray()));
    Files.write(Path.of(prefix + ".index"), TableWriter.table(entries));
    e = assertThrows(AkException.class, () -> new Checkpoint(prefix.toString()).keys());
    assertTrue(e.getMessage().contains("lie outside its 196-byte data file"), e.getMessage());

    entries.set(entries.size() - 1, new TableFile.Entry("zz_huge", huge.toBuilder().clearShape()
        .setShape(TensorShapeProto.newBuilder().addDim(dim(-4))).build().toByteArray()));
    Files.write(Path.of(prefix + ".index"), TableWriter.table(entries));
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
}
