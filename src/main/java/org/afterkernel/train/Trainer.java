package org.afterkernel.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongConsumer;
import org.afterkernel.data.Images;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.io.Progress;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Parameter;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Trains a {@link Model} as the original's Keras {@code fit}: binary cross-entropy on the logit
 * (or the configuration's other {@link LossFunction}),
 * plain SGD ({@code w -= lr * grad}, gradients taken with the explicit variable list), minibatches
 * of a fresh shuffle every epoch with the last partial batch kept. Epoch e's shuffle and
 * augmentation come from generators seeded by (seed, e) only, so the trajectory is the same
 * whether it is trained in one call or several.
 */
public final class Trainer {
  private final Model model;
  private final LabeledImages train;
  private final TrainConfig config;
  private final Placeholder<TFloat32> labels;
  private final Operand<TFloat32> loss;
  /** The output fetched for the running accuracy: the logit, or all outputs of a classifier. */
  private final Operand<TFloat32> predictions;
  /** 1 for a binary task; C for softmax cross-entropy (labels fed one-hot). */
  private final int classes;
  private final Op update;
  private final Augmenter augmenter;
  private int epochsDone;
  private long stepsDone;
  private LongConsumer stepListener = step -> {};

  /** Adds the loss, gradient and SGD ops for {@code config} to the model's graph. */
  public Trainer(Model model, LabeledImages train, TrainConfig config) {
    model.checkImages(train.images());
    if (train.count() == 0) {
      throw new IllegalArgumentException("no training examples");
    }
    this.model = model;
    this.train = train;
    this.config = config;
    Ops tf = model.tf().withSubScope("train");
    if (config.loss().isMulticlass()) {
      this.classes = model.outputCount();
      if (classes < 2) {
        throw new IllegalArgumentException("softmax cross-entropy needs a network of several outputs, this one has 1");
      }
      for (int z : train.labels()) {
        if (z < 0 || z >= classes) {
          throw new IllegalArgumentException("label " + z + " for a network of " + classes + " outputs");
        }
      }
      this.labels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, classes)));
      this.predictions = model.outputsOp();
      this.loss = LossFunction.softmaxMean(tf, predictions, labels);
    } else {
      this.classes = 1;
      this.labels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      this.predictions = model.logitsOp();
      this.loss = config.loss().mean(tf, predictions, labels);
    }
    List<Parameter> params = model.parameters();
    Gradients grads = tf.gradients(loss, params.stream().map(Parameter::variable).toList());
    Operand<TFloat32> lr = tf.constant((float) config.learningRate());
    // Every update waits for every gradient: variables are read when ops run, so an update that
    // overtook the backward pass of a later layer would change the gradients (and make training
    // depend on thread timing).
    List<Op> gradientOps = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      gradientOps.add(tf.identity(grads.<TFloat32>dy(i)));
    }
    Ops afterGradients = tf.withControlDependencies(gradientOps);
    List<Op> steps = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = (Operand<TFloat32>) gradientOps.get(i);
      steps.add(afterGradients.train.applyGradientDescent(params.get(i).variable(), lr, g));
    }
    this.update = tf.withControlDependencies(steps).noOp();
    long[] in = model.inputShape();
    this.augmenter = config.augmentation().enabled()
        ? new Augmenter(model.tf(), config.augmentation(), (int) in[0], (int) in[1], (int) in[2])
        : null;
  }

  /** Epochs trained so far. */
  public int epochsDone() {
    return epochsDone;
  }

  /** Optimizer steps taken so far (minibatch updates over all epochs). */
  public long stepsDone() {
    return stepsDone;
  }

  /**
   * Calls {@code listener} after every optimizer step with the number of steps taken so far
   * (the trajectory of {@code ak track}); replaces any previous listener.
   */
  public void onStep(LongConsumer listener) {
    this.stepListener = listener;
  }

  /** Trains one more epoch. */
  public EpochStats trainEpoch(Progress progress) {
    int epoch = epochsDone + 1;
    long start = System.nanoTime();
    int n = train.count();
    int[] order = epochOrder(config.seed(), epoch, n);
    Random augmentRandom = new Random(Seeds.derive(config.seed(), "augment", epoch));
    Images images = train.images();
    int size = images.imageSize();
    int batch = config.batchSizeFor(n);
    float[] x = new float[batch * size];
    float[] y = new float[batch * classes];
    double lossSum = 0;
    int correct = 0;
    int step = 0;
    Session session = model.session();
    for (int from = 0; from < n; from += batch) {
      int m = Math.min(batch, n - from);
      for (int i = 0; i < m; i++) {
        int k = order[from + i];
        System.arraycopy(images.pixels(), k * size, x, i * size, size);
        if (classes == 1) {
          y[i] = train.labels()[k];
        } else {
          java.util.Arrays.fill(y, i * classes, (i + 1) * classes, 0f);
          y[i * classes + train.labels()[k]] = 1f;
        }
      }
      step++;
      long[] shape = {m, images.height(), images.width(), images.channels()};
      try (TFloat32 xs = Tensors.floats(shape, x, 0, m * size);
          TFloat32 ys = classes == 1 ? Tensors.floats(new long[] {m}, y, 0, m)
              : Tensors.floats(new long[] {m, classes}, y, 0, m * classes);
          TFloat32 inputs = augmenter == null ? null : augment(xs, m, augmentRandom);
          Result r = session.runner()
              .feed(model.input(), inputs == null ? xs : inputs)
              .feed(labels, ys)
              .fetch(loss)
              .fetch(predictions)
              .addTarget(update)
              .run()) {
        double l = ((TFloat32) r.get(0)).getFloat();
        if (!Double.isFinite(l)) {
          throw new TrainingDivergedException(epoch, step, l, config.learningRate());
        }
        lossSum += l * m;
        TFloat32 out = (TFloat32) r.get(1);
        for (int i = 0; i < m; i++) {
          if (classes == 1) {
            correct += ((out.getFloat(i) > 0.5f ? 1 : 0) == (int) y[i]) ? 1 : 0;
          } else {
            correct += y[i * classes + argmax(out, i, classes)] == 1f ? 1 : 0;
          }
        }
      }
      stepsDone++;
      stepListener.accept(stepsDone);
      progress.step(m);
      progress.status(String.format(Locale.ROOT, "epoch %d loss %.4f", epoch, lossSum / (from + m)));
    }
    epochsDone = epoch;
    double secs = (System.nanoTime() - start) / 1e9;
    return new EpochStats(epoch, lossSum / n, (double) correct / n, secs, n / secs);
  }

  private TFloat32 augment(TFloat32 xs, int m, Random random) {
    try (TFloat32 t = augmenter.drawTransforms(m, random);
        Result r = model.session().runner()
            .feed(augmenter.images(), xs)
            .feed(augmenter.transforms(), t)
            .fetch(augmenter.output())
            .run()) {
      // Result closes its tensors: copy the augmented batch out before it does.
      float[] out = Tensors.toFloats((TFloat32) r.get(0));
      return Tensors.floats(xs.shape().asArray(), out);
    }
  }

  /**
   * Trains as the original script: {@code maxEpochs} epochs, or with a loss target, passes of 10,
   * 20, 40, ... epochs (capped by the maximum), evaluating the training loss after each pass and
   * stopping once it is at most the target.
   */
  public TrainingHistory fit(EpochListener listener, boolean showProgress) {
    long start = System.nanoTime();
    List<EpochStats> stats = new ArrayList<>();
    List<TrainingHistory.LossCheck> checks = new ArrayList<>();
    String stop;
    if (config.lossTarget() == null) {
      trainEpochs(config.maxEpochs(), listener, stats, showProgress);
      stop = "epochs";
    } else {
      int pass = TrainConfig.FIRST_PASS_EPOCHS;
      double trainingLoss;
      do {
        int epochs = Math.min(pass, config.maxEpochs() - epochsDone);
        trainEpochs(epochs, listener, stats, showProgress);
        trainingLoss = evaluate(train).meanLoss();
        checks.add(new TrainingHistory.LossCheck(epochsDone, trainingLoss));
        pass *= 2;
      } while (epochsDone < config.maxEpochs() && trainingLoss > config.lossTarget());
      stop = trainingLoss <= config.lossTarget() ? "loss-target" : "max-epochs";
    }
    return new TrainingHistory(epochsDone, stats, checks, stop, (System.nanoTime() - start) / 1e9);
  }

  private void trainEpochs(int count, EpochListener listener, List<EpochStats> out, boolean show) {
    for (int e = 0; e < count; e++) {
      String task = "train epoch " + (epochsDone + 1);
      EpochStats s;
      try (Progress p = show ? Progress.start(task, train.count(), "examples") : Progress.silent()) {
        s = trainEpoch(p);
      }
      out.add(s);
      listener.afterEpoch(s);
    }
  }

  /** Loss and errors of the current network on {@code data}. */
  public Evaluation evaluate(LabeledImages data) {
    if (classes > 1) {
      return Evaluation.ofClasses(model.outputs(data.images()), classes, data.labels());
    }
    return Evaluation.of(model.logits(data.images()), data.labels(), config.loss());
  }

  private static int argmax(TFloat32 out, int row, int count) {
    int best = 0;
    for (int c = 1; c < count; c++) {
      if (out.getFloat(row, c) > out.getFloat(row, best)) {
        best = c;
      }
    }
    return best;
  }

  /** The order in which epoch {@code epoch} (1-based) of a run seeded {@code seed} visits {@code n} examples. */
  public static int[] epochOrder(long seed, int epoch, int n) {
    return shuffle(n, new Random(Seeds.derive(seed, "shuffle", epoch)));
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  static int[] shuffle(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
