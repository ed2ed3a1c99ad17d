package org.afterkernel.savedmodel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.AkException;
import org.afterkernel.Fuzzing;

/**
 * Fuzzes the SavedModel readers: {@code saved_model.pb} (its MetaGraphDef, serving signature and
 * the Keras metadata of its object graph), {@code keras_metadata.pb}, both as far as the Keras
 * model config they describe, and the checkpoint's {@code variables.index} and {@code
 * variables.data-00000-of-00001}, which TensorFlow's own reader parses. Every input parses or is
 * refused with a one-line {@code AkException}, allocating at most what its bytes justify ({@link
 * Fuzzing#check}; TensorFlow's native allocations are not counted). The files beside the fuzzed
 * one come from the repository's {@code savedmodels/sum-mnist-3v8-1epoch} (ak train's export).
 */
class SavedModelFuzzTest {
  private static final Path SUM = Path.of("savedmodels", "sum-mnist-3v8-1epoch");
  private static final String INDEX = "variables/variables.index";
  private static final String DATA = "variables/variables.data-00000-of-00001";
  /** Protocol buffers and JSON trees are a few dozen times their bytes. */
  private static final double PER_BYTE = 100;

  /** A SavedModel directory with the sum net's files and {@code name} replaced by {@code data}. */
  private static Path modelWith(String name, byte[] data) throws Exception {
    Path dir = Fuzzing.emptyDir("savedmodel");
    for (String f : List.of("saved_model.pb", INDEX, DATA)) {
      Path to = dir.resolve(f);
      Files.createDirectories(to.getParent());
      Files.write(to, f.equals(name) ? data : Files.readAllBytes(SUM.resolve(f)));
    }
    if (name.equals("keras_metadata.pb")) {
      Files.write(dir.resolve(name), data);
    }
    return dir;
  }

  /** What the importer reads before building anything: files, signature, Keras objects, model config. */
  private static void readModel(Path dir) {
    SavedModelFiles files = SavedModelFiles.open(dir);
    files.tensorflowVersion();
    try {
      files.servingSignature();
    } catch (AkException e) {
      // a model without the signature is refused; its Keras metadata is read all the same
    }
    KerasMetadata md = KerasMetadata.read(files);
    KerasModelConfig.parse(md.root(), md.source());
  }

  @FuzzTest(maxDuration = "3m")
  void savedModelPb(byte[] data) throws Exception {
    Path dir = modelWith("saved_model.pb", data);
    Fuzzing.check(data.length, PER_BYTE, () -> readModel(dir));
  }

  @FuzzTest(maxDuration = "3m")
  void kerasMetadataPb(byte[] data) throws Exception {
    Path dir = modelWith("keras_metadata.pb", data);
    Fuzzing.check(data.length, PER_BYTE, () -> readModel(dir));
  }

  @FuzzTest(maxDuration = "3m")
  void checkpointIndex(byte[] data) throws Exception {
    Path dir = modelWith(INDEX, data);
    Fuzzing.check(data.length, PER_BYTE, () -> readCheckpoint(dir));
  }

  @FuzzTest(maxDuration = "2m")
  void checkpointData(byte[] data) throws Exception {
    Path dir = modelWith(DATA, data);
    Fuzzing.check(data.length, PER_BYTE, () -> readCheckpoint(dir));
  }

  /**
   * Entries of a checkpoint index, written into a table with valid checksums, so that fuzzing
   * reaches the entries (types, shapes, offsets) that a checksum would otherwise guard: the input
   * is a sequence of (2-byte key length, key, 2-byte value length, value); the first entry is the
   * bundle header (key "").
   */
  @FuzzTest(maxDuration = "3m")
  void checkpointEntries(byte[] data) throws Exception {
    List<TableFile.Entry> entries = entries(data);
    if (entries.isEmpty()) {
      return;
    }
    byte[] index = TableWriter.table(entries);
    Path dir = modelWith(INDEX, index);
    Fuzzing.check(data.length, PER_BYTE, () -> readCheckpoint(dir));
  }

  /** Decodes the entries of {@link #checkpointEntries}'s input (a short tail is ignored). */
  static List<TableFile.Entry> entries(byte[] data) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data);
    List<TableFile.Entry> out = new java.util.ArrayList<>();
    while (b.remaining() >= 2) {
      byte[] key = new byte[Math.min(b.getShort() & 0xffff, b.remaining())];
      b.get(key);
      if (b.remaining() < 2) {
        break;
      }
      byte[] value = new byte[Math.min(b.getShort() & 0xffff, b.remaining())];
      b.get(value);
      out.add(new TableFile.Entry(new String(key, java.nio.charset.StandardCharsets.UTF_8), value));
    }
    return out;
  }

  /** Encodes entries as {@link #checkpointEntries} reads them (for its seeds). */
  static byte[] encode(List<TableFile.Entry> entries) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (TableFile.Entry e : entries) {
      byte[] key = e.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.write(key.length >> 8);
      out.write(key.length);
      out.writeBytes(key);
      out.write(e.value().length >> 8);
      out.write(e.value().length);
      out.writeBytes(e.value());
    }
    return out.toByteArray();
  }

  private static void readCheckpoint(Path dir) {
    Checkpoint c = new Checkpoint(dir.resolve("variables").resolve("variables").toString());
    List<String> keys = c.keys();
    c.objectGraph();
    c.readFloats(keys.stream().filter(k -> !k.equals(Checkpoint.OBJECT_GRAPH_KEY)).toList());
  }
}
