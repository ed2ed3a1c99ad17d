package org.afterkernel.savedmodel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.afterkernel.Fuzzing;

/**
 * Fuzzes the Keras file readers as far as the Keras description they produce (configs, layer
 * calls, every weight matched and read): a {@code .keras} archive's bytes; an HDF5 file's bytes
 * (a legacy full model, or a weights file with a fixed architecture JSON beside it); an
 * architecture JSON beside fixed legacy weights; and a {@code config.json} zipped with fixed
 * weights into a {@code .keras} archive (structure-aware: the zip stays valid, so the config and the
 * matching of weights to it are reached). Every input parses or is refused with a one-line {@code
 * AkException}, allocating at most what its bytes justify ({@link Fuzzing#check}). The seeds and
 * the fixed files are written by {@code kerasfiles/make_kerasfiles.py}.
 */
class KerasFileFuzzTest {
  private static final String FILES = "org/afterkernel/savedmodel/kerasfiles/";
  /** JSON trees and HDF5 object trees are a few dozen times their bytes. */
  private static final double PER_BYTE = 100;

  private static void read(Path path, Path architecture) {
    KerasDescription d = KerasFile.read(path, architecture);
    d.config().layers().forEach(KerasLayerCall::label);
    d.variables().trainable();
  }

  @FuzzTest(maxDuration = "3m")
  void kerasArchive(byte[] data) throws Exception {
    Path file = Fuzzing.write("archive/model.keras", data);
    Fuzzing.check(data.length, PER_BYTE, () -> read(file, null));
  }

  @FuzzTest(maxDuration = "3m")
  void hdf5File(byte[] data) throws Exception {
    Path dir = Fuzzing.emptyDir("hdf5");
    Files.write(dir.resolve("model.json"), Fuzzing.resource(FILES + "tiny_keras3.json"));
    Path file = Files.write(dir.resolve("model.h5"), data);
    Fuzzing.check(data.length, PER_BYTE, () -> read(file, null));
  }

  @FuzzTest(maxDuration = "2m")
  void architectureJson(byte[] data) throws Exception {
    Path dir = Fuzzing.emptyDir("architecture");
    Path weights = Files.write(dir.resolve("weights.h5"), Fuzzing.resource(FILES + "tiny_weights_keras2.h5"));
    Path json = Files.write(dir.resolve("architecture.json"), data);
    Fuzzing.check(data.length, PER_BYTE, () -> read(weights, json));
  }

  @FuzzTest(maxDuration = "2m")
  void archiveConfig(byte[] data) throws Exception {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("metadata.json"));
      out.write("{\"keras_version\": \"3.1.1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.putNextEntry(new ZipEntry("config.json"));
      out.write(data);
      out.putNextEntry(new ZipEntry("model.weights.h5"));
      out.write(keras3Weights());
    }
    Path file = Fuzzing.write("config/model.keras", zip.toByteArray());
    Fuzzing.check(data.length, PER_BYTE, () -> read(file, null));
  }

  private static byte[] keras3Weights() throws Exception {
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(seed("kerasArchive/tiny_keras3.keras").toFile())) {
      return z.getInputStream(z.getEntry("model.weights.h5")).readAllBytes();
    }
  }

  private static Path seed(String name) {
    return Path.of("src", "test", "resources", "org", "afterkernel", "savedmodel", "KerasFileFuzzTestInputs", name);
  }
}
