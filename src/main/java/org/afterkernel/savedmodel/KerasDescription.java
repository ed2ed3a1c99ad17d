package org.afterkernel.savedmodel;

import java.nio.file.Path;

/**
 * One Keras model as the importer builds from it, whatever format it came in: the layers and
 * their connections ({@link KerasModelConfig}), the weights ({@link KerasVariableSource}), and
 * where they came from. Every format's reader produces this; {@link KerasImporter} turns it into a
 * network.
 *
 * @param format the format read
 * @param path the directory or file
 * @param config the layers and their connections
 * @param variables the weights
 * @param configSource where the configs were read from, for messages (e.g. {@code
 *     keras_metadata.pb}, {@code config.json})
 * @param versions the writers' versions in words ({@code Keras 3.1.1}; empty when unknown)
 * @param files the SavedModel's files (its serving signature is the ground truth); null for files
 */
record KerasDescription(ModelFormat format, Path path, KerasModelConfig config, KerasVariableSource variables,
    String configSource, String versions, SavedModelFiles files) {}
