package org.afterkernel.cli;

import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The Gram matrix {@code X X^T} of a feature matrix by one TensorFlow MatMul, for the SVM
 * benchmark: the dual form needs it, and producing it is a cost the comparison must show.
 */
final class TensorFlowGram {
  private TensorFlowGram() {}

  static DenseMatrix of(DenseMatrix x) {
    int n = x.rows();
    try (Graph g = new Graph();
        Session s = TensorFlowRuntime.session(g);
        TFloat32 xt = Tensors.floats(new long[] {n, x.cols()}, x.data())) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> px = tf.placeholder(TFloat32.class);
      MatMul<TFloat32> k = tf.linalg.matMul(px, px, MatMul.transposeB(true));
      try (Result r = s.runner().feed(px, xt).fetch(k).run()) {
        float[] out = new float[Math.multiplyExact(n, n)];
        Tensors.copyInto((TFloat32) r.get(0), out, 0);
        return new DenseMatrix(n, n, out);
      }
    }
  }
}
