package org.afterkernel.savedmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.io.NpyArray;

/**
 * The variables of a Keras model read from a {@code .keras} or {@code .h5} file: every weight the
 * file holds for the model's layers, named by layer and attribute ({@link KerasWeightOrder}) and
 * read when the file was opened. {@link SavedVariableInfo#checkpointKey} is the weight's HDF5 path.
 * When the file's weights could not be matched to the layers (a layer class whose variables are
 * unknown), the reason is kept and reported by the first lookup, so that an unsupported layer is
 * reported by the network builder, by class and place, if it comes first.
 */
final class FileVariables implements KerasVariableSource {
  /**
   * One weight.
   *
   * @param layer the Keras layer's name
   * @param weight its attribute, e.g. {@code kernel}
   * @param path the HDF5 dataset it was read from
   * @param trainable whether Keras trains it (false for moving statistics and frozen layers)
   * @param value its value (float32)
   */
  record Entry(String layer, String weight, String path, boolean trainable, NpyArray value) {}

  private final String file;
  private final List<SavedVariableInfo> infos = new ArrayList<>();
  private final Map<SavedVariableInfo, Entry> entries = new HashMap<>();
  private final AkException deferred;

  /**
   * @param file how messages name the file
   * @param entries the weights, in Keras order
   * @param deferred the error to report on lookups (null when the weights were matched)
   */
  FileVariables(String file, List<Entry> entries, AkException deferred) {
    this.file = file;
    this.deferred = deferred;
    for (Entry e : entries) {
      SavedVariableInfo info = new SavedVariableInfo(infos.size(), e.layer() + "/" + e.weight(),
          e.value().shape(), e.trainable(), "DT_FLOAT", e.path());
      infos.add(info);
      this.entries.put(info, e);
    }
  }

  @Override
  public SavedVariableInfo find(String layer, String weight) {
    if (deferred != null) {
      throw deferred;
    }
    for (SavedVariableInfo v : infos) {
      Entry e = entries.get(v);
      if (e.layer().equals(layer) && e.weight().equals(weight)) {
        return v;
      }
    }
    List<String> ofLayer = infos.stream().filter(v -> entries.get(v).layer().equals(layer))
        .map(v -> entries.get(v).weight()).toList();
    throw new AkException(file + ": no weight '" + weight + "' of layer '" + layer + "' in the file"
        + (ofLayer.isEmpty() ? " (the layer has no weights there)" : " (it has " + ofLayer + ")"));
  }

  @Override
  public List<SavedVariableInfo> trainable() {
    if (deferred != null) {
      throw deferred;
    }
    return infos.stream().filter(SavedVariableInfo::trainable).toList();
  }

  @Override
  public Map<SavedVariableInfo, float[]> read(List<SavedVariableInfo> vars) {
    Map<SavedVariableInfo, float[]> out = new HashMap<>();
    for (SavedVariableInfo v : vars) {
      Entry e = entries.get(v);
      if (e == null) {
        throw new IllegalArgumentException("not a variable of " + file + ": " + v.name());
      }
      out.put(v, e.value().asFloats());
    }
    return out;
  }

  @Override
  public String where() {
    return file;
  }

  /** Every weight, in Keras order. */
  List<Entry> entries() {
    return infos.stream().map(entries::get).toList();
  }

  /** The weight {@code weight} of {@code layer}'s value. */
  NpyArray value(String layer, String weight) {
    return entries.get(find(layer, weight)).value();
  }
}
