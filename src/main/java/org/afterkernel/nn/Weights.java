package org.afterkernel.nn;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.afterkernel.io.NpyArray;
import org.afterkernel.io.Npz;

/**
 * The values of a network's variables, by Keras-style name ({@code conv2d/kernel}), in Keras
 * order. Saved as an {@code .npz} archive that {@code numpy.load} reads.
 */
public final class Weights {
  private final Map<String, NpyArray> values;

  private Weights(Map<String, NpyArray> values) {
    this.values = values;
  }

  /** Weights from name/value pairs (copied, order kept). */
  public static Weights of(Map<String, NpyArray> values) {
    return new Weights(new LinkedHashMap<>(values));
  }

  /** The variable names in order. */
  public List<String> names() {
    return List.copyOf(values.keySet());
  }

  /** The value of {@code name}. */
  public NpyArray get(String name) {
    NpyArray a = values.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no weight named '" + name + "' (have " + values.keySet() + ")");
    }
    return a;
  }

  /** All values, in order. */
  public Map<String, NpyArray> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }

  /** Total number of scalars. */
  public long size() {
    return values.values().stream().mapToLong(NpyArray::size).sum();
  }

  /** Writes an {@code .npz} archive, atomically. */
  public void save(Path file) {
    Npz.write(file, values);
  }

  /** Reads an {@code .npz} archive written by {@link #save}. */
  public static Weights load(Path file) {
    return new Weights(new LinkedHashMap<>(Npz.read(file)));
  }

  /**
   * Checks that these weights fit {@code parameters} exactly: same names, same shapes.
   *
   * @throws AkException naming the first missing, extra or mis-shaped weight
   */
  public void checkFits(List<Parameter> parameters, String source) {
    for (Parameter p : parameters) {
      NpyArray a = values.get(p.name());
      if (a == null) {
        throw new AkException(source + ": no weight '" + p.name() + "' (the network needs "
            + parameters.stream().map(Parameter::name).toList() + ")");
      }
      if (!Arrays.equals(a.shape(), p.shape())) {
        throw new AkException(source + ": weight '" + p.name() + "' has shape " + a.shapeString()
            + ", the network needs " + NpyArray.ofFloats(p.shape(), new float[p.size()]).shapeString());
      }
    }
    if (values.size() != parameters.size()) {
      List<String> names = parameters.stream().map(Parameter::name).toList();
      String extra = values.keySet().stream().filter(n -> !names.contains(n)).findFirst().orElse("?");
      throw new AkException(source + ": weight '" + extra + "' is not a variable of the network");
    }
  }
}
