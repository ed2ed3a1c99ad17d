/**
 * Import of Keras models for after-kernel analysis: SavedModels, {@code .keras} archives, legacy
 * {@code .h5} models and weights-only {@code .h5} files with their architecture JSON.
 *
 * <p>The route: the network is rebuilt from the Keras layer configs as project layers ({@link
 * org.afterkernel.nn.Functional} of {@link org.afterkernel.nn.Layer}s) and the trained values are
 * read from the checkpoint under {@code variables/}. TensorFlow Java 1.1.0 cannot differentiate
 * through the function calls of a loaded TF2 SavedModel, and the after-kernel features need more
 * than plain gradients anyway: every parametric layer must expose a {@link
 * org.afterkernel.nn.LayerTap} so that a batch's per-example gradients come from one backward
 * pass. The model's own serving signature stays the ground truth: {@link
 * org.afterkernel.savedmodel.ImportCheck} runs both on the same images.
 *
 * <p>The layer configs come from {@code keras_metadata.pb} (Keras 2.5 and later) or, for older
 * Keras, from the user-object metadata of the SavedObjectGraph in {@code saved_model.pb}. Models
 * exported by {@code ak train} are recognised by {@code assets.extra/afterkernel-network.json} and
 * rebuilt from that spec. SavedModels without Keras configs (Keras 3 {@code model.export()},
 * {@code tf.saved_model.save}) are lifted from the ops of their serving function ({@link
 * org.afterkernel.savedmodel.FunctionDefLifter}) into the same Keras model description.
 *
 * <p>Every format is read into one {@link org.afterkernel.savedmodel.KerasDescription} (configs,
 * connections, weights) that {@link org.afterkernel.savedmodel.KerasImporter} builds from. Keras
 * files are read by {@link org.afterkernel.savedmodel.KerasFile} (HDF5 through jhdf, zip through
 * the JDK) as Keras 3's own saving code defines them; having no serving signature, they are checked
 * against an independent float64 forward pass of their layers ({@code KerasReference}) and by the
 * classification accuracy ({@link org.afterkernel.savedmodel.ClassifierAccuracy}).
 */
package org.afterkernel.savedmodel;
