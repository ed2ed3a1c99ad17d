package org.afterkernel.savedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.afterkernel.AkException;

/**
 * The three files of a Keras {@code .keras} model, as Keras 3's {@code saving_lib} and tf.keras
 * 2.13-2.15's write it: a zip archive (or, saved with {@code zipped=False}, a directory) holding
 * {@code config.json} (the model config), {@code metadata.json} ({@code keras_version}, {@code
 * date_saved}) and {@code model.weights.h5} (the weights, {@link KerasWeightsH5}). Archive members
 * are read whole into memory, after checking that each declares no more than deflate can expand
 * its stored bytes to (as Keras's own {@code _reject_zip_bomb}) and reading no more than it
 * declares.
 *
 * @param path the archive or directory
 * @param config the parsed {@code config.json}
 * @param kerasVersion {@code keras_version} of {@code metadata.json} (empty when absent)
 * @param weights the bytes of {@code model.weights.h5}
 */
record KerasArchive(Path path, JsonNode config, String kerasVersion, byte[] weights) {
  static final String CONFIG = "config.json";
  static final String METADATA = "metadata.json";
  static final String WEIGHTS = "model.weights.h5";
  private static final long MAX_EXPANSION = 1032;
  private static final long MAX_JSON = 256L << 20;

  /** Reads the archive (or directory) {@code path}. */
  static KerasArchive read(Path path) {
    if (Files.isDirectory(path)) {
      return new KerasArchive(path, json(path, CONFIG, fileBytes(path.resolve(CONFIG), MAX_JSON)),
          version(path, Files.exists(path.resolve(METADATA)) ? fileBytes(path.resolve(METADATA), MAX_JSON) : null),
          fileBytes(path.resolve(WEIGHTS), Integer.MAX_VALUE - 16));
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      if (zip.getEntry("model.weights.npz") != null && zip.getEntry(WEIGHTS) == null) {
        throw new AkException(path + ": the weights are in model.weights.npz (saved with weights_format='npz');"
            + " only model.weights.h5 is supported");
      }
      byte[] config = member(zip, path, CONFIG, MAX_JSON, true);
      byte[] metadata = member(zip, path, METADATA, MAX_JSON, false);
      byte[] weights = member(zip, path, WEIGHTS, Integer.MAX_VALUE - 16, true);
      return new KerasArchive(path, json(path, CONFIG, config), version(path, metadata), weights);
    } catch (IOException | RuntimeException e) {
      if (e instanceof AkException a) {
        throw a;
      }
      throw new AkException(path + ": not a readable .keras archive (zip): "
          + AkException.firstLine(e.getClass().getSimpleName() + ": " + e.getMessage(), 200), e);
    }
  }

  /** How messages name a member, e.g. {@code model.keras: config.json}. */
  String member(String name) {
    return path + ": " + name;
  }

  private static byte[] member(ZipFile zip, Path path, String name, long max, boolean required) throws IOException {
    ZipEntry e = zip.getEntry(name);
    if (e == null) {
      if (required) {
        throw new AkException(path + ": the archive has no " + name + " (a .keras archive holds config.json,"
            + " metadata.json and model.weights.h5)");
      }
      return null;
    }
    long size = e.getSize();
    long stored = e.getCompressedSize();
    if (size < 0 || stored < 0 || size > max
        || size > Math.max(stored, 0) * (e.getMethod() == ZipEntry.STORED ? 1 : MAX_EXPANSION)) {
      throw new AkException(path + ": archive member " + name + " declares " + size + " bytes from " + stored
          + " stored (" + (size > max ? "more than " + max + " bytes" : "more than the compression allows")
          + "); refusing it");
    }
    byte[] out = new byte[(int) size];
    try (InputStream in = zip.getInputStream(e)) {
      int n = in.readNBytes(out, 0, out.length);
      if (n != size || in.read() >= 0) {
        throw new AkException(path + ": archive member " + name + " holds " + (n != size ? n : "more than " + size)
            + " bytes, its header declares " + size);
      }
    }
    return out;
  }

  private static byte[] fileBytes(Path file, long max) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new AkException(file.getParent() + ": no " + file.getFileName() + " (an unzipped .keras directory holds"
            + " config.json, metadata.json and model.weights.h5)");
      }
      if (Files.size(file) > max) {
        throw new AkException(file + ": " + Files.size(file) + " bytes, more than " + max);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AkException(file + ": cannot read (" + AkException.firstLine(e.getMessage(), 200) + ")", e);
    }
  }

  private static JsonNode json(Path path, String name, byte[] bytes) {
    return KerasJson.parse(new String(bytes, StandardCharsets.UTF_8), path + ": " + name);
  }

  private static String version(Path path, byte[] metadata) {
    if (metadata == null) {
      return "";
    }
    JsonNode md = json(path, METADATA, metadata);
    return md.isObject() ? KerasJson.text(md, "keras_version", "") : "";
  }
}
