package org.afterkernel.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.AkException;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;
import org.afterkernel.io.JsonLines;
import org.afterkernel.io.Npy;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short trajectory on 0-vs-1 MNIST images, checked against computations made here from its files. */
class TrackerTest {
  private static TrackConfig config(double initScale) {
    return new TrackConfig("mnist", 0, 1, 60, 40, 30, "mlp", null, List.of(16), null, null, initScale, 2, 0.05,
        "16", "mse", null, 3, 6, null, 3);
  }

  private static LabeledImages images(Split split, int n) {
    return Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, split, new ClassPair(0, 1), n);
  }

  private static DenseMatrix kernel(Path dir, long step) {
    return DenseMatrix.of(Npy.read(Tracker.kernelFile(dir, step)));
  }

  private static double dot(DenseMatrix a, DenseMatrix b) {
    double s = 0;
    for (int i = 0; i < a.data().length; i++) {
      s += (double) a.data()[i] * b.data()[i];
    }
    return s;
  }

  private static List<ObjectNode> run(TrackConfig c, Path dir) {
    new Tracker(c, images(Split.TRAIN, 60), images(Split.TEST, 30), dir, s -> {}).run(false);
    return FinalComparison.apply(dir, c.topK());
  }

  @Test
  void recordsMatchTheirKernelsTheReferenceKernelAtStepZeroAndResumeToTheSameLines(@TempDir Path dir)
      throws Exception {
    TrackConfig c = config(0.5);
    List<ObjectNode> lines = run(c, dir);
    // 60 images in batches of 16: 4 steps per epoch, 8 in all; 6 log-spaced records.
    TrackSchedule schedule = TrackSchedule.logSpaced(8, 6);
    assertEquals(schedule.size(), lines.size());
    LabeledImages probe = images(Split.TRAIN, 40);
    DenseMatrix last = kernel(dir, 8);
    for (int r = 0; r < lines.size(); r++) {
      JsonNode line = lines.get(r);
      long step = schedule.steps()[r];
      assertEquals(step, line.path("step").asLong());
      DenseMatrix k = kernel(dir, step);
      assertEquals(Math.sqrt(dot(k, k)), line.path("kernel_norm").asDouble(), 1e-9 * Math.sqrt(dot(k, k)));
      double yky = 0;
      for (int i = 0; i < 40; i++) {
        for (int j = 0; j < 40; j++) {
          yky += (2 * probe.labels()[i] - 1) * (2 * probe.labels()[j] - 1) * k.get(i, j);
        }
      }
      assertEquals(yky / (Math.sqrt(dot(k, k)) * 40), line.path("target_alignment").asDouble(), 1e-9);
      assertEquals(dot(k, last) / Math.sqrt(dot(k, k) * dot(last, last)), line.path("final_alignment").asDouble(), 1e-9);
      if (r > 0) {
        DenseMatrix p = kernel(dir, schedule.steps()[r - 1]);
        double diff = dot(k, k) - 2 * dot(k, p) + dot(p, p);
        assertEquals(Math.sqrt(diff / dot(p, p)), line.path("relative_change").asDouble(), 1e-4);
      } else {
        assertTrue(line.path("relative_change").isNull());
      }
      assertTrue(line.path("top_k_overlap").asDouble() <= 1 + 1e-9);
    }
    assertEquals(1.0, lines.get(lines.size() - 1).path("top_k_overlap").asDouble(), 1e-9);
    assertTrue(lines.get(lines.size() - 1).path("train_loss").asDouble() < lines.get(0).path("train_loss").asDouble());
    assertTrue(lines.get(0).has("test_error"));

    // Step 0 is the NTK of the initial network: one backpropagation per example, independently.
    try (Model m = Model.create(c.networkSpec(), c.seed())) {
      DenseMatrix f = FeatureMap.of(m, FeatureKind.NTK, Implementation.REFERENCE).features(probe.images());
      DenseMatrix k0 = kernel(dir, 0);
      for (int i = 0; i < 40; i++) {
        for (int j = 0; j < 40; j++) {
          double v = 0;
          for (int q = 0; q < f.cols(); q++) {
            v += (double) f.get(i, q) * f.get(j, q);
          }
          double scale = Math.sqrt(Math.abs(k0.get(i, i) * k0.get(j, j)));
          assertEquals(v, k0.get(i, j), 1e-5 * scale, "K0[" + i + "," + j + "]");
        }
      }
    }

    // Interrupted after four records (and a torn fifth line): resuming gives the same records.
    Path file = Tracker.recordsFile(dir);
    List<String> text = Files.readAllLines(file);
    Files.writeString(file, String.join("\n", text.subList(0, 4)) + "\n{\"schema\":\"afterk");
    List<ObjectNode> again = run(c, dir);
    assertEquals(lines.size(), again.size());
    for (int r = 0; r < lines.size(); r++) {
      for (String field : List.of("step", "train_loss", "kernel_norm", "target_alignment", "final_alignment",
          "top_k_overlap", "effective_rank", "test_error")) {
        assertEquals(lines.get(r).path(field).asDouble(), again.get(r).path(field).asDouble(),
            1e-6 * Math.abs(lines.get(r).path(field).asDouble()), field + " of record " + r);
      }
    }
    assertEquals(lines.size(), JsonLines.read(file).size());

    // The same directory with another configuration is refused.
    AkException e = assertThrows(AkException.class, () -> run(config(0.25), dir));
    assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
  }
}
