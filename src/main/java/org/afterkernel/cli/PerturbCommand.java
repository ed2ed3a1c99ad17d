package org.afterkernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.invariance.GraphPerturber;
import org.afterkernel.invariance.Perturbation;
import org.afterkernel.invariance.QuadrantSwap;
import org.afterkernel.invariance.Rotate;
import org.afterkernel.invariance.Translate;
import org.afterkernel.invariance.Zoom;
import org.afterkernel.io.StagedOutputs;
import org.afterkernel.train.Augmenter;
import org.afterkernel.train.RotationCentre;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ak perturb}: applies one of the study's perturbations to a batch of images with the same
 * TensorFlow ops the invariance measures use, and optionally draws some pairs as PNG.
 */
@Command(
    name = "perturb",
    mixinStandardHelpOptions = true,
    description = {
      "Perturb images as the study does: translate (tfa.image.translate), rotate"
          + " (tfa.image.rotate), zoom (tf.image.central_crop then tf.image.resize back) or swap"
          + " (top-left and bottom-right quadrants exchanged); or augment: the training"
          + " augmentation's rotation (keras-preprocessing 1.1.2) by a given angle in degrees.",
      "Input: a .npy of float32 (or float64) pixels, shape (N, H, W, C) in NHWC order, or (N, H,"
          + " W), which is treated as one channel. The output is float32 with the input's shape,"
          + " written atomically."
    })
public final class PerturbCommand implements Callable<Integer> {
  /** The perturbations {@code --kind} accepts. */
  enum Kind {
    TRANSLATE,
    ROTATE,
    ZOOM,
    SWAP,
    AUGMENT
  }

  /** What the options ask for: a description and the function that computes it. */
  private record Transform(String description, UnaryOperator<Images> apply) {}

  @Spec CommandSpec spec;

  @Option(
      names = "--kind",
      required = true,
      paramLabel = "KIND",
      description = "translate, rotate, zoom, swap or augment.")
  Kind kind;

  @Option(
      names = "--dx",
      paramLabel = "PIXELS",
      description = "translate: pixels to move the content right (negative: left; default 1).")
  Double dx;

  @Option(
      names = "--dy",
      paramLabel = "PIXELS",
      description = "translate: pixels to move the content down (negative: up; default 0).")
  Double dy;

  @Option(
      names = "--angle",
      paramLabel = "ANGLE",
      description = {
        "rotate: radians, counter-clockwise as displayed (default 0.25).",
        "augment (required): DEGREES, Keras's theta: positive turns the picture clockwise as displayed."
      })
  Double angle;

  @Option(
      names = {"--augment-centre", "--augmentation-centre"},
      paramLabel = "CENTRE",
      description = "augment: the rotation centre, keras (default, parity: (H/2+0.5, W/2+0.5)) or"
          + " geometric ((H-1)/2, (W-1)/2).")
  RotationCentre centre;

  @Option(
      names = "--fraction",
      paramLabel = "F",
      description = "zoom: central fraction kept before resizing back (default 13/14).")
  Double fraction;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "FILE",
      description = "Input images (.npy).")
  Path in;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Output images (.npy).")
  Path out;

  @Option(
      names = "--png",
      paramLabel = "DIR",
      description = "Also write the first pairs (original | perturbed) as PNG files into DIR.")
  Path pngDir;

  @Option(
      names = "--png-count",
      paramLabel = "N",
      defaultValue = "8",
      description = "Pairs drawn with --png (default ${DEFAULT-VALUE}).")
  int pngCount;

  @Option(
      names = "--png-scale",
      paramLabel = "S",
      defaultValue = "8",
      description = "Screen pixels per image pixel in the PNGs (default ${DEFAULT-VALUE}).")
  int pngScale;

  @Override
  public Integer call() {
    Transform transform = transform();
    if (pngCount < 0 || pngScale < 1 || pngScale > 64) {
      throw new ParameterException(
          spec.commandLine(),
          "--png-count must be >= 0 and --png-scale in 1..64, got "
              + pngCount
              + " and "
              + pngScale);
    }
    ImageNpy.Loaded loaded = ImageNpy.read(in);
    Images original = loaded.images();
    if (pngDir != null && !SideBySidePng.drawable(original.channels())) {
      throw new AkException(
          in + ": --png draws 1 channel (grey) or 3 (RGB), the images have " + original.channels());
    }
    Images perturbed = transform.apply().apply(original);
    try (StagedOutputs outputs = new StagedOutputs()) {
      ImageNpy.write(outputs.file(out), loaded.fileShape(), perturbed);
      Path pngs = pngDir == null ? null : outputs.directory(pngDir);
      report(transform.description(), original, perturbed, pngs);
      outputs.commit();
    }
    return 0;
  }

  /** Prints what was done and draws the PNG pairs into {@code pngs} (staged for --png). */
  private void report(String description, Images original, Images perturbed, Path pngs) {
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        "%s on %d images of %dx%dx%d -> %s%n",
        description,
        original.count(),
        original.height(),
        original.width(),
        original.channels(),
        out);
    o.printf("changed values: %s%n", changeSummary(original, perturbed));
    if (pngs != null) {
      writePngs(o, description, original, perturbed, pngs);
    }
    o.flush();
  }

  /** The transform the options describe; parameters of another kind are a usage error. */
  private Transform transform() {
    if (kind == Kind.AUGMENT) {
      return augment();
    }
    if (centre != null) {
      throw new ParameterException(spec.commandLine(), "--augment-centre applies to --kind augment, not "
          + kind.name().toLowerCase());
    }
    Perturbation p = perturbation();
    return new Transform(p.describe(), images -> GraphPerturber.apply(p, images));
  }

  /** The training augmentation's rotation by {@code --angle} degrees, no shift. */
  private Transform augment() {
    requireOnlyFor(Kind.TRANSLATE, "--dx", dx);
    requireOnlyFor(Kind.TRANSLATE, "--dy", dy);
    requireOnlyFor(Kind.ZOOM, "--fraction", fraction);
    if (angle == null || !Double.isFinite(angle)) {
      throw new ParameterException(spec.commandLine(),
          "--kind augment needs --angle DEGREES (a finite number), got " + angle);
    }
    RotationCentre c = centre == null ? RotationCentre.KERAS : centre;
    double degrees = angle;
    return new Transform("augment(angle=" + degrees + " deg, centre " + c.describe() + ")",
        images -> Augmenter.rotate(images, degrees, c));
  }

  /** The study's perturbation the options describe. */
  private Perturbation perturbation() {
    requireOnlyFor(Kind.TRANSLATE, "--dx", dx);
    requireOnlyFor(Kind.TRANSLATE, "--dy", dy);
    requireOnlyFor(Kind.ROTATE, "--angle", angle);
    requireOnlyFor(Kind.ZOOM, "--fraction", fraction);
    try {
      return switch (kind) {
        case TRANSLATE -> new Translate(dx == null ? 1 : dx, dy == null ? 0 : dy);
        case ROTATE -> new Rotate(angle == null ? Rotate.DEFAULT_ANGLE : angle);
        case ZOOM -> new Zoom(fraction == null ? Zoom.ORIGINAL_FRACTION : fraction);
        case SWAP -> new QuadrantSwap();
        case AUGMENT -> throw new IllegalStateException("augment is not a study perturbation");
      };
    } catch (IllegalArgumentException e) {
      String options =
          switch (kind) {
            case TRANSLATE -> "--dx/--dy";
            case ROTATE -> "--angle";
            case ZOOM -> "--fraction";
            case SWAP, AUGMENT -> "--kind";
          };
      throw new ParameterException(spec.commandLine(), options + ": " + e.getMessage());
    }
  }

  private void requireOnlyFor(Kind owner, String option, Double value) {
    if (value != null && kind != owner) {
      throw new ParameterException(
          spec.commandLine(),
          option
              + " applies to --kind "
              + owner.name().toLowerCase()
              + ", not "
              + kind.name().toLowerCase());
    }
  }

  private static String changeSummary(Images a, Images b) {
    long changed = 0;
    double absSum = 0;
    float[] x = a.pixels();
    float[] y = b.pixels();
    for (int i = 0; i < x.length; i++) {
      if (x[i] != y[i]) {
        changed++;
      }
      absSum += Math.abs((double) y[i] - x[i]);
    }
    if (x.length == 0) {
      return "none (no images)";
    }
    return String.format(
        "%.1f%% of %d, mean |perturbed - original| %.4g",
        100.0 * changed / x.length, x.length, absSum / x.length);
  }

  private void writePngs(PrintWriter o, String description, Images original, Images perturbed, Path pngs) {
    int n = Math.min(pngCount, original.count());
    if (n == 0) {
      o.printf("png: nothing drawn (no images or --png-count 0)%n");
      return;
    }
    Images a = original.slice(0, n);
    Images b = perturbed.slice(0, n);
    float[] range = SideBySidePng.range(a, b);
    SideBySidePng png = new SideBySidePng(pngScale, range[0], range[1]);
    String prefix = kind.name().toLowerCase();
    for (int i = 0; i < n; i++) {
      png.write(pngs.resolve(String.format("%s-%03d.png", prefix, i)), a, b, i);
    }
    o.printf(
        "png: %d pairs (original | %s) in %s as %s-000.png .. %s-%03d.png, x%d, values %s..%s shown"
            + " black..white%n",
        n, description, pngDir, prefix, prefix, n - 1, pngScale, range[0], range[1]);
  }
}
