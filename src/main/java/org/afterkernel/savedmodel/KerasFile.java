package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.afterkernel.AkException;

/**
 * Reads a Keras model file into the one {@link KerasDescription} the importer builds from: a
 * {@code .keras} archive (or its unzipped directory), a legacy HDF5 full model, or a weights-only
 * HDF5 file (legacy {@code save_weights} layout, or Keras 3's {@code .weights.h5}) with its
 * architecture ({@code model.to_json()}) in {@code X.json} beside {@code X.h5} or given as {@code
 * --architecture}. The kind is recognised by content (zip or HDF5 signature, then the HDF5
 * file's attributes and groups), not by the file name.
 */
public final class KerasFile {
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final long MAX_JSON = 256L << 20;

  private KerasFile() {}

  /**
   * True when {@code path} is a Keras file rather than a SavedModel directory: a regular file, or a
   * directory holding {@code config.json} and {@code model.weights.h5} but no {@code saved_model.pb}
   * (also a missing path named like a Keras file, so that the error says what was expected).
   */
  public static boolean handles(Path path) {
    if (Files.isRegularFile(path) || !Files.exists(path)
        && path.getFileName() != null && path.getFileName().toString().matches(".*\\.(keras|h5|hdf5)")) {
      return true;
    }
    return Files.isDirectory(path) && !Files.exists(path.resolve("saved_model.pb"))
        && Files.isRegularFile(path.resolve(KerasArchive.CONFIG)) && Files.isRegularFile(path.resolve(KerasArchive.WEIGHTS));
  }

  /**
   * Reads the model in {@code path}; {@code architecture} (may be null) is the architecture JSON
   * of a weights-only file.
   *
   * @throws AkException for unreadable or malformed files, custom objects, weights that do not
   *     match the config, naming the file and where
   */
  public static KerasDescription read(Path path, Path architecture) {
    if (Files.isDirectory(path)) {
      return archive(ModelFormat.KERAS_DIRECTORY, path, architecture);
    }
    byte[] head = head(path);
    if (startsWith(head, ZIP)) {
      return archive(ModelFormat.KERAS_ARCHIVE, path, architecture);
    }
    if (!startsWith(head, HDF5) && !isHdf5WithUserBlock(path)) {
      throw new AkException(path + ": not a Keras model file: neither a zip archive (.keras) nor an HDF5 file"
          + " (.h5); its first bytes are '" + AkException.quote(new String(head, StandardCharsets.ISO_8859_1), 16)
          + "' (a SavedModel is a directory)");
    }
    try (Hdf5 h5 = Hdf5.open(path)) {
      return hdf5(h5, path, architecture);
    }
  }

  private static KerasDescription archive(ModelFormat format, Path path, Path architecture) {
    noArchitecture(path, architecture, "a .keras model holds its own config.json");
    KerasArchive a = KerasArchive.read(path);
    String source = a.member(KerasArchive.CONFIG);
    KerasObject root = KerasFileConfig.root(a.config(), source);
    KerasModelConfig config = KerasModelConfig.parse(root, source);
    try (Hdf5 h5 = Hdf5.of(a.weights(), a.member(KerasArchive.WEIGHTS))) {
      FileVariables vars = KerasWeightsH5.read(h5, root);
      return new KerasDescription(format, path, config, vars, source, versions(a.kerasVersion()), null);
    }
  }

  private static KerasDescription hdf5(Hdf5 h5, Path path, Path architecture) {
    String modelConfig = h5.text("", "model_config");
    String version = h5.text("", "keras_version");
    if (modelConfig != null) {
      noArchitecture(path, architecture, "the file holds its own model_config");
      String source = path + ": model_config attribute";
      KerasObject root = KerasFileConfig.root(KerasJson.parse(modelConfig, source), source);
      KerasModelConfig config = KerasModelConfig.parse(root, source);
      if (!h5.isGroup("model_weights")) {
        throw new AkException(path + ": a legacy HDF5 model without a model_weights group (saved without"
            + " weights?); expected model_weights/<layer>/...");
      }
      FileVariables vars = LegacyH5.read(h5, "model_weights", root);
      String v = version != null ? version : h5.text("model_weights", "keras_version");
      return new KerasDescription(ModelFormat.LEGACY_H5, path, config, vars, source, versions(v == null ? "" : v), null);
    }
    boolean legacy = !LegacyH5.chunked(h5, "", "layer_names").isEmpty();
    boolean keras3 = h5.isGroup("layers") || h5.isGroup("_layer_checkpoint_dependencies") || h5.isGroup("vars");
    if (!legacy && !keras3) {
      throw new AkException(path + ": an HDF5 file, but not one Keras wrote: no model_config or layer_names"
          + " attribute and no layers/ group (expected a Keras model or weights file)");
    }
    Path arch = architecture != null ? architecture : beside(path);
    String source = arch.toString();
    JsonNode json = KerasJson.parse(new String(jsonBytes(arch, path), StandardCharsets.UTF_8), source);
    KerasObject root = KerasFileConfig.root(json, source);
    KerasModelConfig config = KerasModelConfig.parse(root, source);
    FileVariables vars = legacy ? LegacyH5.read(h5, "", root) : KerasWeightsH5.read(h5, root);
    String v = version != null ? version : KerasJson.text(json, "keras_version", "");
    return new KerasDescription(legacy ? ModelFormat.LEGACY_WEIGHTS_H5 : ModelFormat.WEIGHTS_H5, path, config, vars,
        source, versions(v), null);
  }

  /** {@code X.json} for {@code X.h5}, {@code X.weights.h5}, {@code X.hdf5}. */
  static Path beside(Path weights) {
    String name = weights.getFileName().toString();
    for (String ext : new String[] {".weights.h5", ".h5", ".hdf5", ".keras"}) {
      if (name.endsWith(ext) && name.length() > ext.length()) {
        Path json = weights.resolveSibling(name.substring(0, name.length() - ext.length()) + ".json");
        if (Files.isRegularFile(json)) {
          return json;
        }
        throw new AkException(weights + ": a weights-only HDF5 file (save_weights) holds no architecture, and there"
            + " is no " + json.getFileName() + " beside it; give the model.to_json() output with --architecture FILE.json");
      }
    }
    throw new AkException(weights + ": a weights-only HDF5 file (save_weights) holds no architecture; give the"
        + " model.to_json() output with --architecture FILE.json");
  }

  private static byte[] jsonBytes(Path arch, Path weights) {
    try {
      if (!Files.isRegularFile(arch)) {
        throw new AkException(arch + ": no such architecture file (the model.to_json() output for " + weights + ")");
      }
      if (Files.size(arch) > MAX_JSON) {
        throw new AkException(arch + ": " + Files.size(arch) + " bytes, more than an architecture JSON may be");
      }
      return Files.readAllBytes(arch);
    } catch (IOException e) {
      throw new AkException(arch + ": cannot read (" + AkException.firstLine(e.getMessage(), 200) + ")", e);
    }
  }

  private static void noArchitecture(Path path, Path architecture, String why) {
    if (architecture != null) {
      throw new AkException("--architecture " + architecture + ": applies to weights-only HDF5 files; " + path
          + ": " + why);
    }
  }

  private static String versions(String keras) {
    if (keras.isEmpty()) {
      return "";
    }
    return "Keras " + AkException.quote(keras, 40);
  }

  private static byte[] head(Path path) {
    if (!Files.exists(path)) {
      throw new AkException(path + ": no such file or directory (expected a SavedModel directory, a .keras"
          + " file or an .h5 file)");
    }
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(8);
    } catch (IOException e) {
      throw new AkException(path + ": cannot read (" + AkException.firstLine(e.getMessage(), 200) + ")", e);
    }
  }

  /** HDF5 allows a user block of 512, 1024, 2048, ... bytes before the signature. */
  private static boolean isHdf5WithUserBlock(Path path) {
    try (var ch = Files.newByteChannel(path)) {
      for (long at = 512; at + 8 <= ch.size(); at *= 2) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
        ch.position(at);
        ch.read(b);
        if (Arrays.equals(b.array(), HDF5)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
  }
}
