/**
 * Import of Keras SavedModels for after-kernel analysis.
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
 */
package org.afterkernel.savedmodel;
