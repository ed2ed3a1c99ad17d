package org.afterkernel.savedmodel;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObjectGraph;

/**
 * The Keras objects of a SavedModel with their metadata, from either source: {@code
 * keras_metadata.pb} (Keras 2.5 and later; a {@code SavedMetadata} proto, read field by field
 * since TensorFlow Java does not ship its generated class), or the SavedObjectGraph's user objects
 * in {@code saved_model.pb} (Keras before 2.5 wrote the metadata there).
 *
 * @param objects the Keras objects, root first when present
 * @param source where they were read from, for messages
 */
public record KerasMetadata(List<KerasObject> objects, String source) {
  // keras/protobuf/saved_metadata.proto: SavedMetadata { repeated SavedObject nodes = 1; }
  // SavedObject { int32 node_id = 2; string node_path = 3; string identifier = 4; string metadata = 5; }
  private static final int NODES = 1;
  private static final int NODE_ID = 2;
  private static final int NODE_PATH = 3;
  private static final int IDENTIFIER = 4;
  private static final int METADATA = 5;

  /** Reads the Keras objects of {@code files}: keras_metadata.pb when present, else saved_model.pb. */
  public static KerasMetadata read(SavedModelFiles files) {
    Path km = files.kerasMetadata();
    if (Files.exists(km)) {
      return new KerasMetadata(fromKerasMetadata(km), km.getFileName().toString());
    }
    return new KerasMetadata(fromObjectGraph(files.metaGraph().getObjectGraphDef()),
        "saved_model.pb (object graph metadata)");
  }

  static List<KerasObject> fromKerasMetadata(Path file) {
    List<KerasObject> out = new ArrayList<>();
    try {
      CodedInputStream in = CodedInputStream.newInstance(Files.readAllBytes(file));
      while (!in.isAtEnd()) {
        int tag = in.readTag();
        if (WireFormat.getTagFieldNumber(tag) == NODES
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          out.add(node(CodedInputStream.newInstance(in.readByteArray()), file));
        } else {
          in.skipField(tag);
        }
      }
    } catch (IOException e) {
      throw new AkException(file + ": truncated or not a Keras SavedMetadata proto (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) {
      throw new AkException(file + ": no Keras objects (empty or not a Keras SavedMetadata proto)");
    }
    return out;
  }

  private static KerasObject node(CodedInputStream in, Path file) throws IOException {
    int id = 0;
    String path = "";
    String identifier = "";
    String metadata = "";
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      switch (WireFormat.getTagFieldNumber(tag)) {
        case NODE_ID -> id = in.readInt32();
        case NODE_PATH -> path = in.readStringRequireUtf8();
        case IDENTIFIER -> identifier = in.readStringRequireUtf8();
        case METADATA -> metadata = in.readStringRequireUtf8();
        default -> in.skipField(tag);
      }
    }
    String where = file + " node " + id + " (" + path + ")";
    return new KerasObject(id, path, identifier,
        KerasJson.parse(metadata.isEmpty() ? "{}" : metadata, where));
  }

  static List<KerasObject> fromObjectGraph(SavedObjectGraph graph) {
    List<KerasObject> out = new ArrayList<>();
    for (int i = 0; i < graph.getNodesCount(); i++) {
      SavedObject n = graph.getNodes(i);
      if (n.hasUserObject() && n.getUserObject().getIdentifier().startsWith("_tf_keras_")
          && !n.getUserObject().getMetadata().isEmpty()) {
        out.add(new KerasObject(i, i == 0 ? "root" : "", n.getUserObject().getIdentifier(),
            KerasJson.parse(n.getUserObject().getMetadata(), "saved_model.pb object graph node " + i)));
      }
    }
    return out;
  }

  /**
   * The root object (node 0): the model.
   *
   * @throws AkException when the SavedModel holds no Keras model
   */
  public KerasObject root() {
    return objects.stream().filter(o -> o.nodeId() == 0).findFirst().orElseThrow(() -> new AkException(
        "no Keras model metadata in " + source + ": the SavedModel was not written by Keras 2"
            + " (model.save), e.g. tf.saved_model.save or Keras 3 model.export, which keep no layer"
            + " configs; only Keras models can be rebuilt"));
  }

  /** The layer objects (layers, input layers, nested models) named {@code name}. */
  public List<KerasObject> layersNamed(String name) {
    return objects.stream().filter(o -> o.nodeId() != 0 && o.isLayerLike() && o.name().equals(name)).toList();
  }
}
