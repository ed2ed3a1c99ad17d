package org.afterkernel.savedmodel;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.afterkernel.AkException;
import org.afterkernel.io.NpyArray;

/**
 * An HDF5 file as the Keras readers need it, read with jhdf (a pure-Java HDF5 reader): groups and
 * their children, string attributes, and float32 datasets. Every failure of the library (a file
 * that is not HDF5, a truncated or corrupt one, a missing path) becomes a one-line {@link
 * AkException} naming the file and the HDF5 path. A dataset is read only when its recorded size
 * fits what the file's bytes can hold (compressed chunks: deflate's 1032-fold limit), so a corrupt
 * header cannot make the reader allocate more than the file justifies. Paths are {@code /}-separated
 * and relative to the root ({@code model_weights/dense/dense/kernel:0}).
 */
final class Hdf5 implements AutoCloseable {
  /** Deflate's largest expansion. */
  private static final long MAX_EXPANSION = 1032;

  private final HdfFile file;
  private final String label;
  private final long bytes;

  private Hdf5(HdfFile file, String label, long bytes) {
    this.file = file;
    this.label = label;
    this.bytes = bytes;
  }

  /**
   * Opens the HDF5 file {@code path}, memory-mapped: jhdf then reads its structures as slices of the
   * mapping, so a corrupt size in a header fails as a read past the end instead of allocating a
   * buffer of that size (as its file-channel reader does).
   */
  static Hdf5 open(Path path) {
    String label = path.toString();
    java.nio.ByteBuffer mapped;
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path)) {
      if (ch.size() > Integer.MAX_VALUE) {
        throw new AkException(label + ": " + ch.size() + " bytes; HDF5 files over 2 GB are not supported");
      }
      mapped = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size());
    } catch (java.io.IOException e) {
      throw new AkException(label + ": cannot read (" + AkException.firstLine(e.getMessage(), 200) + ")", e);
    }
    java.nio.ByteBuffer buffer = mapped;
    return new Hdf5(guard(label, "not a readable HDF5 file", () -> HdfFile.fromByteBuffer(buffer)), label,
        buffer.capacity());
  }

  /** Reads an HDF5 file held in memory; {@code label} names it in messages. */
  static Hdf5 of(byte[] data, String label) {
    return new Hdf5(guard(label, "not a readable HDF5 file", () -> HdfFile.fromBytes(data)), label, data.length);
  }

  /** How messages name the file. */
  String label() {
    return label;
  }

  /** True when {@code path} names a group (the root is {@code ""}). */
  boolean isGroup(String path) {
    Node n = find(path);
    return n != null && guard(label, "cannot read " + path, n::isGroup);
  }

  /** True when {@code path} names a dataset. */
  boolean isDataset(String path) {
    Node n = find(path);
    return n instanceof Dataset;
  }

  /** The names of the children of group {@code path}, in the order jhdf lists them. */
  List<String> children(String path) {
    Node n = find(path);
    if (!(n instanceof Group g)) {
      throw new AkException(label + ": no HDF5 group '" + path + "'");
    }
    return guard(label, "cannot list group '" + path + "'", () -> new ArrayList<>(g.getChildren().keySet()));
  }

  /**
   * The strings of attribute {@code name} of {@code path} (one for a scalar string, none for an
   * empty array or a missing attribute).
   *
   * @throws AkException when the attribute holds something else than strings
   */
  List<String> texts(String path, String name) {
    Node n = find(path);
    if (n == null) {
      throw new AkException(label + ": no HDF5 object '" + path + "'");
    }
    return guard(label, "cannot read attribute '" + name + "' of '" + where(path) + "'", () -> {
      Attribute a = n.getAttribute(name);
      if (a == null || a.isEmpty()) {
        return List.of();
      }
      Object data = a.getData();
      if (data == null) {
        return List.of();
      }
      if (data instanceof String s) {
        return List.of(s);
      }
      if (data instanceof String[] s) {
        return Arrays.asList(s);
      }
      if (a.getSize() == 0) {
        return List.of();
      }
      throw new AkException(label + ": attribute '" + name + "' of '" + where(path) + "' holds "
          + a.getJavaType().getSimpleName() + " values, expected strings");
    });
  }

  /** The single string of attribute {@code name} of {@code path}, or null when it is absent. */
  String text(String path, String name) {
    List<String> t = texts(path, name);
    if (t.size() > 1) {
      throw new AkException(label + ": attribute '" + name + "' of '" + where(path) + "' holds " + t.size()
          + " strings, expected one");
    }
    return t.isEmpty() ? null : t.get(0);
  }

  /**
   * The floating-point dataset {@code path} as a float32 array of its shape: float16 and float32
   * values as they are, float64 rounded to float32, as Keras does when it assigns a stored value
   * to a float32 variable.
   *
   * @throws AkException when it is missing, not floating point, or larger than the file can hold
   */
  NpyArray floats(String path) {
    Node n = find(path);
    if (!(n instanceof Dataset ds)) {
      throw new AkException(label + ": no HDF5 dataset '" + path + "'");
    }
    return guard(label, "cannot read dataset '" + path + "'", () -> {
      Class<?> type = ds.getJavaType();
      boolean doubles = type == double.class || type == Double.class;
      if (type != float.class && type != Float.class && !doubles) {
        throw new AkException(label + ": dataset '" + path + "' holds " + type.getSimpleName()
            + " values, expected floating-point weights");
      }
      int[] dims = ds.getDimensions();
      long[] shape = new long[dims.length];
      long count = 1;
      for (int i = 0; i < dims.length; i++) {
        if (dims[i] < 0) {
          throw new AkException(label + ": dataset '" + path + "' has a negative dimension " + dims[i]);
        }
        shape[i] = dims[i];
        count = Math.multiplyExact(count, (long) dims[i]);
      }
      long limit = ds.getFilters().isEmpty() ? bytes : bytes * MAX_EXPANSION;
      if (count * Math.max(ds.getDataType().getSize(), 1) > limit) {
        throw new AkException(label + ": dataset '" + path + "' claims " + count + " floats, more than the "
            + bytes + "-byte file can hold");
      }
      Object data = ds.isScalar() ? ds.getData() : ds.getDataFlat();
      float[] values = data instanceof Float f ? new float[] {f} : data instanceof Double d ? new float[] {d.floatValue()}
          : data instanceof double[] d ? toFloats(d) : (float[]) data;
      if (values.length != count) {
        throw new AkException(label + ": dataset '" + path + "' has " + values.length + " values, its shape "
            + Arrays.toString(shape) + " needs " + count);
      }
      return NpyArray.ofFloats(shape, values);
    });
  }

  private static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /** The node at {@code path}, or null when there is none. */
  private Node find(String path) {
    return guard(label, "cannot read '" + where(path) + "'", () -> {
      Node n = file;
      for (String part : path.split("/")) {
        if (part.isEmpty()) {
          continue;
        }
        if (!(n instanceof Group g)) {
          return null;
        }
        n = g.getChildren().get(part);
        if (n == null) {
          return null;
        }
      }
      return n;
    });
  }

  private static String where(String path) {
    return path.isEmpty() ? "/" : path;
  }

  /**
   * Runs a jhdf call: its exceptions (and ours) become one-line {@link AkException}s naming the
   * file and what was being read.
   */
  static <T> T guard(String label, String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (AkException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      String m = AkException.firstLine(e.getMessage(), 200);
      throw new AkException(label + ": " + what + " (" + e.getClass().getSimpleName()
          + (m.isEmpty() ? "" : ": " + m) + ")", e);
    }
  }

  @Override
  public void close() {
    guard(label, "cannot close", () -> {
      file.close();
      return null;
    });
  }
}
