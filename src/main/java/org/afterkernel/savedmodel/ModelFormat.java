package org.afterkernel.savedmodel;

/**
 * The formats a Keras model is imported from. All of them become one {@link KerasDescription}
 * (layer configs, connections, weights), which {@link KerasImporter} turns into a network.
 */
public enum ModelFormat {
  /** A SavedModel directory with Keras configs: Keras 2's {@code model.save(DIR)}, or {@code ak train}'s export. */
  SAVEDMODEL("SavedModel directory"),
  /** A SavedModel without Keras configs (Keras 3 {@code model.export()}, {@code tf.saved_model.save}). */
  SAVEDMODEL_LIFTED("SavedModel directory without Keras configs (layers lifted from the serving function's ops)"),
  /** A {@code .keras} zip archive: Keras 3, and tf.keras 2.13-2.15's version of the format. */
  KERAS_ARCHIVE(".keras archive (zip: config.json, metadata.json, model.weights.h5)"),
  /** A {@code .keras} model saved unzipped: a directory of the archive's three files. */
  KERAS_DIRECTORY("unzipped .keras directory (config.json, metadata.json, model.weights.h5)"),
  /** A legacy HDF5 full model: Keras 2's {@code model.save("x.h5")}, also Keras 3's legacy saver. */
  LEGACY_H5("legacy HDF5 model (.h5: model_config attribute, model_weights group)"),
  /** A legacy HDF5 weights file ({@code save_weights("x.h5")}) with the architecture JSON beside it. */
  LEGACY_WEIGHTS_H5("legacy HDF5 weights (.h5 of save_weights: layer_names attribute) with architecture JSON"),
  /** A Keras 3 weights file ({@code save_weights("x.weights.h5")}) with the architecture JSON. */
  WEIGHTS_H5("Keras 3 weights file (.weights.h5: layers/<class>/vars) with architecture JSON");

  private final String label;

  ModelFormat(String label) {
    this.label = label;
  }

  /** What the format is, in words, e.g. {@code .keras archive (zip: ...)}. */
  public String label() {
    return label;
  }
}
