package org.afterkernel.kernel;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.afterkernel.data.Images;
import org.afterkernel.tf.Tensors;
import org.tensorflow.types.TFloat32;

/**
 * A feature map that computes the rows of the first images of one image set once and serves them
 * again to every later request for those images, so that the several measures of one network
 * (invariances, alignment, effective rank, the SVM's test kernel) compute the test features once.
 * Any image set whose images are the leading images of that set, pixel for pixel (a prefix slice,
 * a {@code first(n)} copy), is served from the cache; everything else is computed by the wrapped
 * map.
 *
 * <p>The rows are those of the wrapped map at the time they were computed: a cache belongs to one
 * state of the network's weights and must not outlive it. At most {@code budgetBytes} of rows are
 * held; rows beyond are computed on every request.
 */
public final class CachedFeatureMap implements FeatureMap {
  private final FeatureMap map;
  private final Images source;
  private final int cachedRows;
  private final int width;
  private float[] rows;
  /** Image sets seen, with how many of their leading images equal the source's. */
  private final Map<Images, Integer> matched = new IdentityHashMap<>();
  private long rowsServed;

  /**
   * Caches the rows of the first {@code limit} images of {@code source}, or as many as {@code
   * budgetBytes} hold. They are computed on first use.
   */
  public CachedFeatureMap(FeatureMap map, Images source, int limit, long budgetBytes) {
    this.map = map;
    this.source = source;
    this.width = map.layout().width();
    this.cachedRows = (int) Math.min(Math.min(limit, source.count()), budgetBytes / Math.max(1, 4L * width));
  }

  @Override
  public long dimension() {
    return map.dimension();
  }

  @Override
  public RowLayout layout() {
    return map.layout();
  }

  @Override
  public int batchSize() {
    return map.batchSize();
  }

  /** Rows served from the cache so far (computed once, then copied). */
  public long rowsServed() {
    return rowsServed;
  }

  /** Number of leading images of the source whose rows are held. */
  public int cachedRows() {
    return cachedRows;
  }

  @Override
  public void compute(Images x, int from, int to, float[] out, int offset) {
    int split = Math.max(from, Math.min(to, cachedPrefix(x)));
    if (split > from) {
      System.arraycopy(rows(), from * width, out, offset, (split - from) * width);
      rowsServed += split - from;
    }
    if (to > split) {
      map.compute(x, split, to, out, offset + (split - from) * width);
    }
  }

  @Override
  public void computeInto(Images x, int from, int to, TFloat32 target, long row, long stride) {
    int split = Math.max(from, Math.min(to, cachedPrefix(x)));
    for (int i = from; i < split; i++) {
      Tensors.write(target, (row + i - from) * stride, Arrays.copyOfRange(rows(), i * width, (i + 1) * width));
    }
    rowsServed += split - from;
    if (to > split) {
      map.computeInto(x, split, to, target, row + split - from, stride);
    }
  }

  /** How many leading images of {@code x} have cached rows. */
  private int cachedPrefix(Images x) {
    if (cachedRows == 0) {
      return 0;
    }
    return matched.computeIfAbsent(x, this::leadingMatch);
  }

  private int leadingMatch(Images x) {
    if (x == source) {
      return cachedRows;
    }
    if (x.height() != source.height() || x.width() != source.width() || x.channels() != source.channels()) {
      return 0;
    }
    int n = Math.min(x.count(), cachedRows);
    int size = source.imageSize();
    int equal = 0;
    while (equal < n && Arrays.equals(x.pixels(), equal * size, (equal + 1) * size, source.pixels(), equal * size,
        (equal + 1) * size)) {
      equal++;
    }
    return equal;
  }

  private float[] rows() {
    if (rows == null) {
      rows = new float[Math.multiplyExact(cachedRows, width)];
      map.compute(source, 0, cachedRows, rows, 0);
    }
    return rows;
  }
}
