package org.afterkernel.kernel;

import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * TensorFlow's MatMul on blocks of feature rows: {@code H[rows] H[cols]^T} within a held block and
 * {@code H S^T} between a held block and a streamed one. Feeding a tensor passes it by reference,
 * so a held block is not copied for each product; only the row slices are.
 */
final class GramBlocks implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> held;
  private final Placeholder<TFloat32> streamed;
  private final Placeholder<TInt32> rowStart;
  private final Placeholder<TInt32> rowCount;
  private final Placeholder<TInt32> colStart;
  private final Operand<TFloat32> withinHeld;
  private final Operand<TFloat32> heldTimesStreamed;

  GramBlocks() {
    Ops tf = Ops.create(graph);
    held = tf.placeholder(TFloat32.class);
    streamed = tf.placeholder(TFloat32.class);
    rowStart = tf.placeholder(TInt32.class);
    rowCount = tf.placeholder(TInt32.class);
    colStart = tf.placeholder(TInt32.class);
    Operand<TInt32> zero = tf.constant(0);
    Operand<TInt32> all = tf.constant(-1);
    Operand<TFloat32> rows = tf.slice(held, tf.stack(java.util.List.of(rowStart, zero)),
        tf.stack(java.util.List.of(rowCount, all)));
    Operand<TFloat32> cols = tf.slice(held, tf.stack(java.util.List.of(colStart, zero)),
        tf.stack(java.util.List.of(all, all)));
    withinHeld = tf.linalg.matMul(rows, cols, MatMul.transposeB(true));
    heldTimesStreamed = tf.linalg.matMul(held, streamed, MatMul.transposeB(true));
    session = TensorFlowRuntime.session(graph);
  }

  /** {@code H[rowStart, rowStart + rowCount) . H[colStart, end)^T}, row-major. */
  float[] within(TFloat32 h, int rowStartValue, int rowCountValue, int colStartValue) {
    try (TInt32 a = TInt32.scalarOf(rowStartValue);
        TInt32 b = TInt32.scalarOf(rowCountValue);
        TInt32 c = TInt32.scalarOf(colStartValue);
        Result r = session.runner().feed(held, h).feed(rowStart, a).feed(rowCount, b)
            .feed(colStart, c).fetch(withinHeld).run()) {
      return Tensors.toFloats((TFloat32) r.get(0));
    }
  }

  /** {@code H . S^T}, row-major ({@code rows(H) x rows(S)}). */
  float[] across(TFloat32 h, TFloat32 s) {
    try (Result r = session.runner().feed(held, h).feed(streamed, s).fetch(heldTimesStreamed).run()) {
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
