package org.afterkernel.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.afterkernel.AkException;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.Images;
import org.afterkernel.data.Split;
import org.afterkernel.savedmodel.ImportOptions;
import org.afterkernel.savedmodel.ImportedModel;
import org.afterkernel.savedmodel.KerasImporter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The images {@code ak savedmodel check} runs the model on: {@code --images X.npy}, a split of
 * {@code --dataset}, or, with neither, the dataset whose images the model takes (MNIST, CIFAR-10)
 * or else {@code --count} random images of the model's input shape, uniform in [0, 1) from {@code
 * --seed}: the forward comparison with the serving signature needs no particular data.
 */
final class CheckInputs {
  private final DatasetOptions data;
  private final ImagesOptions own;
  private final Dataset dataset;
  private final Split split;
  private final int count;
  private final long seed;
  private String describe;
  private int[] labels;

  private CheckInputs(DatasetOptions data, ImagesOptions own, Dataset dataset, Split split, int count, long seed) {
    this.data = data;
    this.own = own;
    this.dataset = dataset;
    this.split = split;
    this.count = count;
    this.seed = seed;
  }

  /** The inputs the options ask for ({@code --dataset} only when given on the command line). */
  static CheckInputs of(CommandSpec spec, DatasetOptions data, ImagesOptions own, Split split, int count, long seed) {
    boolean datasetGiven = spec.commandLine().getParseResult().hasMatchedOption("--dataset");
    own.requireImagesForLabels();
    if (own.given() && datasetGiven) {
      throw new AkException("--dataset " + data.dataset() + " and --images " + own.images
          + ": give one of them (--images is your own data)");
    }
    return new CheckInputs(data, own, datasetGiven ? data.dataset() : null, split, count, seed);
  }

  /** The images' (height, width, channels) to import the model for; null when the model decides. */
  long[] shape() {
    if (own.given()) {
      return own.imageShape();
    }
    return dataset == null ? null : new long[] {dataset.height(), dataset.width(), dataset.channels()};
  }

  /** Imports the model for these inputs; a shape that does not fit names the images file too. */
  ImportedModel importModel(Path dir, Path architecture, ImportOptions options) {
    try {
      return KerasImporter.load(dir, architecture, options);
    } catch (AkException e) {
      throw own.given() ? own.withFile(e) : e;
    }
  }

  /** The first {@code --count} images, for a model taking images of {@code input}. */
  Images images(long[] input) {
    Images all;
    int[] classes = null;
    if (own.given()) {
      ImagesOptions.Own set = own.load(Split.TRAIN);
      all = set.images();
      classes = set.labels();
      describe = own.images.toString();
    } else {
      Dataset d = dataset != null ? dataset : matching(input);
      if (d != null) {
        var raw = Datasets.loadSplit(data.dataDir(), d, split);
        all = raw.images();
        classes = java.util.stream.IntStream.range(0, raw.count()).map(raw::label).toArray();
        describe = d.cliName() + " " + split.toString().toLowerCase(Locale.ROOT);
      } else {
        all = random(input);
        describe = "random (uniform in [0, 1), seed " + seed + ", no --dataset or --images given)";
      }
    }
    int n = Math.min(count, all.count());
    labels = classes == null ? null : java.util.Arrays.copyOf(classes, n);
    return all.slice(0, n);
  }

  /** The classes of the images {@link #images} returned ({@code --labels}, the dataset's), or null. */
  int[] labels() {
    return labels == null ? null : labels.clone();
  }

  /** Where the images came from, e.g. {@code mnist test}, the file, or {@code random (...)}. */
  String describe() {
    return describe;
  }

  private static Dataset matching(long[] input) {
    for (Dataset d : Dataset.values()) {
      if (input[0] == d.height() && input[1] == d.width() && input[2] == d.channels()) {
        return d;
      }
    }
    return null;
  }

  private Images random(long[] input) {
    int h = Math.toIntExact(input[0]);
    int w = Math.toIntExact(input[1]);
    int c = Math.toIntExact(input[2]);
    float[] px = new float[Math.multiplyExact(count, Math.multiplyExact(h, Math.multiplyExact(w, c)))];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) rnd.nextDouble();
    }
    return new Images(count, h, w, c, px);
  }
}
