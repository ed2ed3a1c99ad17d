package org.afterkernel.savedmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.AkException;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;

/**
 * The files of a SavedModel directory, checked and parsed: {@code saved_model.pb} (its "serve"
 * MetaGraphDef), the checkpoint prefix {@code variables/variables}, and the optional {@code
 * keras_metadata.pb} and {@code assets.extra/}.
 *
 * @param dir the directory
 * @param metaGraph the MetaGraphDef tagged "serve" (or the only one)
 */
public record SavedModelFiles(Path dir, MetaGraphDef metaGraph) {
  /** Name of the serving signature Keras and TensorFlow Java write. */
  public static final String SERVING = "serving_default";

  /**
   * Opens {@code dir}.
   *
   * @throws AkException when it is not a directory, has no or a corrupt {@code saved_model.pb}, or
   *     lacks the checkpoint files
   */
  public static SavedModelFiles open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new AkException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory")
          + " (expected a SavedModel directory with saved_model.pb and variables/)");
    }
    Path pb = dir.resolve("saved_model.pb");
    if (!Files.isRegularFile(pb)) {
      String hint = Files.exists(dir.resolve("saved_model.pbtxt"))
          ? " (saved_model.pbtxt, the text form, is not supported)" : "";
      throw new AkException(dir + ": not a SavedModel directory: no saved_model.pb" + hint);
    }
    SavedModel sm;
    try {
      sm = SavedModel.parseFrom(Files.readAllBytes(pb));
    } catch (IOException e) {
      throw new AkException(pb + ": truncated or not a SavedModel protocol buffer (" + e.getMessage() + ")", e);
    }
    if (sm.getMetaGraphsCount() == 0) {
      throw new AkException(pb + ": no MetaGraphDef (the file is empty or truncated)");
    }
    MetaGraphDef mg = sm.getMetaGraphsList().stream()
        .filter(m -> m.getMetaInfoDef().getTagsList().contains("serve"))
        .findFirst()
        .orElse(sm.getMetaGraphs(0));
    for (String f : List.of("variables.index", "variables.data-00000-of-00001")) {
      Path p = dir.resolve("variables").resolve(f);
      if (!Files.isRegularFile(p)) {
        throw new AkException(dir + ": missing variables/" + f + " (the checkpoint of the trained values)");
      }
    }
    return new SavedModelFiles(dir, mg);
  }

  /** The checkpoint prefix, {@code dir/variables/variables}. */
  public String checkpointPrefix() {
    return dir.resolve("variables").resolve("variables").toString();
  }

  /** {@code keras_metadata.pb}, when present. */
  public Path kerasMetadata() {
    return dir.resolve("keras_metadata.pb");
  }

  /** A file under {@code assets.extra/}. */
  public Path assetExtra(String name) {
    return dir.resolve("assets.extra").resolve(name);
  }

  /** The TensorFlow version that wrote the model (empty when not recorded). */
  public String tensorflowVersion() {
    return metaGraph.getMetaInfoDef().getTensorflowVersion();
  }

  /**
   * The serving signature.
   *
   * @throws AkException naming the signatures there are when it is missing
   */
  public SignatureDef servingSignature() {
    SignatureDef s = metaGraph.getSignatureDefMap().get(SERVING);
    if (s == null) {
      throw new AkException(dir + ": no '" + SERVING + "' signature (the model has "
          + metaGraph.getSignatureDefMap().keySet() + ")");
    }
    return s;
  }
}
