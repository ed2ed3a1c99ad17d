package org.afterkernel.kernel;

import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * TensorFlow's MatMul on blocks of feature rows: {@code H[rows] H[cols]^T} within a held block and
 * {@code H S^T} between a held block and a streamed one (for a structured {@link RowLayout}, its
 * sum of per-segment products). Feeding a tensor passes it by reference
 * and row ranges are views (see {@link Kernel#paddedWidth}), so a held block is never copied.
 */
final class GramBlocks implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> held;
  private final Placeholder<TFloat32> streamed;
  private final Placeholder<TInt32> rowStart;
  private final Placeholder<TInt32> rowCount;
  private final Placeholder<TInt32> colStart;
  private final Placeholder<TInt32> heldRows;
  private final Placeholder<TInt32> streamedRows;
  private final Operand<TFloat32> withinHeld;
  private final Operand<TFloat32> heldTimesStreamed;

  /** Blocks of rows laid out as {@code layout} says. */
  GramBlocks(RowLayout layout) {
    Ops tf = Ops.create(graph);
    held = tf.placeholder(TFloat32.class);
    streamed = tf.placeholder(TFloat32.class);
    rowStart = tf.placeholder(TInt32.class);
    rowCount = tf.placeholder(TInt32.class);
    colStart = tf.placeholder(TInt32.class);
    heldRows = tf.placeholder(TInt32.class);
    streamedRows = tf.placeholder(TInt32.class);
    // Row ranges by StridedSlice along the first dimension only: with rows padded to a multiple
    // of 16 floats (64 bytes) TensorFlow takes such slices as views, not copies. The tensors are
    // allocated once and reused for every group and block (only their first rows may be in use):
    // TensorFlow's CPU allocator keeps freed memory, so reallocating would grow the process.
    Operand<TFloat32> rows = rowRange(tf, held, rowStart, tf.math.add(rowStart, rowCount));
    Operand<TFloat32> cols = rowRange(tf, held, colStart, heldRows);
    withinHeld = layout.gram(tf, rows, cols);
    heldTimesStreamed = layout.gram(tf, rowRange(tf, held, tf.constant(0), heldRows),
        rowRange(tf, streamed, tf.constant(0), streamedRows));
    session = TensorFlowRuntime.session(graph);
  }

  private static Operand<TFloat32> rowRange(Ops tf, Operand<TFloat32> x, Operand<TInt32> begin,
      Operand<TInt32> end) {
    return tf.stridedSlice(x, tf.stack(java.util.List.of(begin)), tf.stack(java.util.List.of(end)),
        tf.constant(new int[] {1}));
  }

  /**
   * {@code H[rowStart, rowStart + rowCount) . H[colStart, hRows)^T}, row-major, where the first
   * {@code hRows} rows of {@code h} are in use.
   */
  float[] within(TFloat32 h, int hRows, int rowStartValue, int rowCountValue, int colStartValue) {
    try (TInt32 a = TInt32.scalarOf(rowStartValue);
        TInt32 b = TInt32.scalarOf(rowCountValue);
        TInt32 c = TInt32.scalarOf(colStartValue);
        TInt32 n = TInt32.scalarOf(hRows);
        Result r = session.runner().feed(held, h).feed(rowStart, a).feed(rowCount, b)
            .feed(colStart, c).feed(heldRows, n).fetch(withinHeld).run()) {
      return Tensors.toFloats((TFloat32) r.get(0));
    }
  }

  /** {@code H[0, hRows) . S[0, sRows)^T}, row-major ({@code hRows x sRows}). */
  float[] across(TFloat32 h, int hRows, TFloat32 s, int sRows) {
    try (TInt32 a = TInt32.scalarOf(hRows);
        TInt32 b = TInt32.scalarOf(sRows);
        Result r = session.runner().feed(held, h).feed(streamed, s).feed(heldRows, a).feed(streamedRows, b)
            .fetch(heldTimesStreamed).run()) {
      return Tensors.toFloats((TFloat32) r.get(0));
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
