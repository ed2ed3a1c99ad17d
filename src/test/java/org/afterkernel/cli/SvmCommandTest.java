package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvmCommandTest {
  @TempDir Path dir;
  private Path x;
  private Path y;
  private Path flipped;
  private Path k;

  /** Six points in the plane, separable through the origin with margin 1 along the first axis. */
  @BeforeEach
  void writeProblem() {
    float[] points = {2, 0, 1, 1, 1, -1, -2, 0, -1, 1, -1, -1};
    x = dir.resolve("x.npy");
    Npy.writeFloats(x, new long[] {6, 2}, points);
    y = dir.resolve("y.npy");
    Npy.writeLongs(y, new long[] {6}, new long[] {1, 1, 1, 0, 0, 0});
    flipped = dir.resolve("flipped.npy");
    Npy.writeDoubles(flipped, new long[] {6}, new double[] {0, 0, 0, 1, 1, 1});
    float[] gram = new float[36];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        gram[i * 6 + j] = points[2 * i] * points[2 * j] + points[2 * i + 1] * points[2 * j + 1];
      }
    }
    k = dir.resolve("k.npy");
    Npy.writeFloats(k, new long[] {6, 6}, gram);
  }

  private CliTestSupport.Run svm(String... extra) {
    String[] base = {"svm", "--train", x.toString(), "--train-labels", y.toString(), "--test", x.toString(),
        "--test-labels", y.toString(), "--out", dir.resolve("r.json").toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return ak(args);
  }

  @Test
  void fitsEvaluatesAndWritesJsonInBothForms() {
    // The maximum margin of these points is 1 (w along the first axis; the support vectors are
    // (1, +-1) and (-1, +-1) at distance 1).
    CliTestSupport.Run r = svm("--iterations", "3000");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("test error      0.000000"), r.out());
    JsonNode doc = Json.readTree(dir.resolve("r.json"));
    assertEquals("jst1", doc.at("/config/solver").asText());
    assertEquals("primal", doc.at("/config/form").asText());
    assertEquals(3000, doc.at("/config/stopRule/maxIterations").asLong());
    assertEquals(0.0, doc.at("/results/testError").asDouble());
    assertEquals(1.0, doc.at("/results/trainingMargin").asDouble(), 0.01);
    assertEquals(3000, doc.at("/results/iterations").asLong());
    assertEquals("iterations", doc.at("/results/stopReason").asText());
    assertTrue(doc.at("/timings/solveSeconds").asDouble() >= 0);
    assertTrue(doc.at("/provenance/afterkernel").isTextual());

    // Dual form on the Gram matrices, with float labels that are all wrong: error 1.
    r = ak("svm", "--gram", "--train", k.toString(), "--train-labels", y.toString(), "--test", k.toString(),
        "--test-labels", flipped.toString(), "--iterations", "3000", "--out", dir.resolve("g.json").toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode g = Json.readTree(dir.resolve("g.json"));
    assertEquals("dual", g.at("/config/form").asText());
    assertEquals(1.0, g.at("/results/testError").asDouble());
    assertEquals(doc.at("/results/trainingMargin").asDouble(), g.at("/results/trainingMargin").asDouble(), 1e-9);
  }

  @Test
  void otherSolversAndStopRules() {
    CliTestSupport.Run r = svm("--solver", "liblinear", "--iterations", "1");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode doc = Json.readTree(dir.resolve("r.json"));
    assertEquals(1.0, doc.at("/results/trainingMargin").asDouble(), 0.02);
    r = svm("--solver", "jst2", "--time-limit", "0.2", "--seed", "3");
    assertEquals(0, r.exitCode(), r.err());
    doc = Json.readTree(dir.resolve("r.json"));
    assertEquals("time_limit", doc.at("/results/stopReason").asText());
    assertEquals(3, doc.at("/config/seed").asLong());
    r = svm("--converge", "1e-6", "--iterations", "100000", "--save-model", dir.resolve("w.npy").toString());
    assertEquals(0, r.exitCode(), r.err());
    doc = Json.readTree(dir.resolve("r.json"));
    assertEquals("converged", doc.at("/results/stopReason").asText());
    double[] w = Npy.read(dir.resolve("w.npy")).asDoubles();
    assertEquals(2, w.length);
    assertTrue(Math.abs(w[1]) < 1e-3 * Math.abs(w[0]) && w[0] > 0, "w along the first axis");
  }

  @Test
  void badInputGetsOneLineErrorsAndNoResult() throws Exception {
    Path out = dir.resolve("r.json");
    Path labels3 = dir.resolve("y3.npy");
    Npy.writeLongs(labels3, new long[] {6}, new long[] {1, 1, 2, 0, 0, 0});
    CliTestSupport.Run r = ak("svm", "--train", x.toString(), "--train-labels", labels3.toString(), "--test",
        x.toString(), "--test-labels", y.toString(), "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith("ak: error: " + labels3) && r.err().contains("label 2 is 2"), r.err());

    Path single = dir.resolve("single.npy");
    Npy.writeLongs(single, new long[] {6}, new long[] {1, 1, 1, 1, 1, 1});
    r = ak("svm", "--train", x.toString(), "--train-labels", single.toString(), "--test", x.toString(),
        "--test-labels", y.toString(), "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains(single.toString()) && r.err().contains("both classes"), r.err());

    Path short5 = dir.resolve("short.npy");
    Npy.writeLongs(short5, new long[] {5}, new long[] {1, 1, 0, 0, 0});
    r = ak("svm", "--train", x.toString(), "--train-labels", short5.toString(), "--test", x.toString(),
        "--test-labels", y.toString(), "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("5 labels, but " + x + " has 6 rows"), r.err());

    Path wide = dir.resolve("wide.npy");
    Npy.writeFloats(wide, new long[] {6, 3}, new float[18]);
    r = ak("svm", "--train", x.toString(), "--train-labels", y.toString(), "--test", wide.toString(),
        "--test-labels", y.toString(), "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains(wide + ": shape (6, 3), expected 2 columns"), r.err());

    r = ak("svm", "--gram", "--train", x.toString(), "--train-labels", y.toString(), "--test", x.toString(),
        "--test-labels", y.toString(), "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("must be square"), r.err());

    r = ak("svm", "--gram", "--solver", "liblinear", "--train", k.toString(), "--train-labels", y.toString(),
        "--test", k.toString(), "--test-labels", y.toString(), "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("needs features"), r.err());

    Path vector = dir.resolve("v.npy");
    Npy.writeFloats(vector, new long[] {6}, new float[6]);
    r = ak("svm", "--train", vector.toString(), "--train-labels", y.toString(), "--test", x.toString(),
        "--test-labels", y.toString(), "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("2-D array, got shape (6,)"), r.err());

    assertFalse(Files.exists(out), "nothing written on error");
    assertEquals(2, svm("--solver", "svc").exitCode());
    assertEquals(2, svm("--iterations", "-3").exitCode());
  }

  @Test
  void exactSolverReportsTheMaximumMarginAndItsCertificate() {
    // The maximum margin of these points is 1 (see above), in both forms.
    for (boolean gram : new boolean[] {false, true}) {
      CliTestSupport.Run r = gram
          ? ak("svm", "--gram", "--train", k.toString(), "--train-labels", y.toString(), "--test", k.toString(),
              "--test-labels", y.toString(), "--out", dir.resolve("r.json").toString(), "--solver", "exact")
          : svm("--solver", "exact");
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("certificate     separable true"), r.out());
      JsonNode res = Json.readTree(dir.resolve("r.json")).path("results");
      assertEquals(1.0, res.path("trainingMargin").asDouble(), 1e-9, res.toString());
      JsonNode cert = Json.readTree(dir.resolve("r.json"));
      assertTrue(cert.toString().contains("\"separable\":true") && cert.toString().contains("\"kktResidual\""),
          cert.toString());
    }
    // The exact solver stops by its KKT tolerance only.
    assertEquals(2, svm("--solver", "exact", "--time-limit", "5").exitCode());
    assertEquals(2, svm("--solver", "exact", "--kkt", "0").exitCode());
  }

  @Test
  void exactSolverSaysWhenTheTrainingSetIsNotSeparable() throws Exception {
    // (2, 0) and (-2, 0) in the same class: no w through the origin separates them.
    Path bad = dir.resolve("bad.npy");
    Npy.writeLongs(bad, new long[] {6}, new long[] {1, 1, 1, 1, 0, 0});
    CliTestSupport.Run r = ak("svm", "--train", x.toString(), "--train-labels", bad.toString(), "--test", x.toString(),
        "--test-labels", bad.toString(), "--out", dir.resolve("r.json").toString(), "--solver", "exact");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("the training set is not linearly separable"), r.out());
    assertTrue(Files.readString(dir.resolve("r.json")).contains("\"separable\" : false"),
        Files.readString(dir.resolve("r.json")));
  }

  @Test
  void helpTextsRender() {
    CliTestSupport.Run r = ak("svm", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("--gram") && r.err().isEmpty(), r.out() + r.err());
    r = ak("bench", "svm-forms", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("99% of the final margin") && !r.err().contains("WARN"), r.out() + r.err());
    r = ak("bench", "svm", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("exact hard-margin SVM against JST1 (to 99% of its margin") && !r.err().contains("WARN"),
        r.out() + r.err());
  }
}
