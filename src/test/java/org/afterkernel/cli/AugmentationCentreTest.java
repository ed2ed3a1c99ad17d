package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.data.TestData;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.experiment.ExperimentResult;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.afterkernel.sweep.ResultsFile;
import org.afterkernel.train.RotationCentre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The augmentation's rotation centre through the command line: parity by default, the geometric
 * centre behind a flag or config key, recorded in the results and provenance of every run that
 * augments; {@code ak perturb --kind augment} shows the transform.
 */
class AugmentationCentreTest {
  @TempDir Path dir;

  private String data() {
    return TestData.sharedDataDir().toString();
  }

  @Test
  void perturbAugmentRotatesByDegreesAboutTheChosenCentre() {
    Path in = dir.resolve("x.npy");
    Npy.writeFloats(in, new long[] {1, 3, 3}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    Path out = dir.resolve("y.npy");
    CliTestSupport.Run r = ak("perturb", "--kind", "augment", "--angle", "90", "--in", in.toString(), "--out",
        out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("augment(angle=90.0 deg, centre keras"), r.out());
    // Worked out by hand in AugmenterTest: about (2, 2) the bottom row fills the picture.
    assertArrayEquals(new float[] {7, 7, 7, 8, 8, 8, 9, 9, 9}, Npy.read(out).asFloats(), 1e-6f);
    r = ak("perturb", "--kind", "augment", "--angle", "90", "--augment-centre", "geometric", "--in", in.toString(),
        "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, Npy.read(out).asFloats(), 1e-6f);
  }

  @Test
  void perturbAugmentOptionsAreChecked() {
    Path in = dir.resolve("x.npy");
    Npy.writeFloats(in, new long[] {1, 3, 3}, new float[9]);
    String out = dir.resolve("y.npy").toString();
    CliTestSupport.Run r = ak("perturb", "--kind", "augment", "--in", in.toString(), "--out", out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--kind augment needs --angle DEGREES"), r.err());
    r = ak("perturb", "--kind", "rotate", "--augment-centre", "geometric", "--in", in.toString(), "--out", out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--augment-centre applies to --kind augment, not rotate"), r.err());
    r = ak("perturb", "--kind", "augment", "--angle", "5", "--dx", "1", "--in", in.toString(), "--out", out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--dx applies to --kind translate, not augment"), r.err());
    assertEquals(2, ak("perturb", "--kind", "augment", "--angle", "5", "--augment-centre", "middle", "--in",
        in.toString(), "--out", out).exitCode());
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  void trainRecordsTheCentreInConfigAndProvenance() {
    Path model = dir.resolve("m");
    CliTestSupport.Run t = ak("train", "--arch", "sum", "--epochs", "1", "--first", "200", "--augment",
        "--data-dir", data(), "--out", model.toString());
    assertEquals(0, t.exitCode(), t.err());
    JsonNode record = Json.readTree(model.resolve("train.json"));
    assertEquals("keras", record.at("/training/augmentation/centre").asText(), "parity is the default");
    assertTrue(record.at("/provenance/choices/augmentation-centre").asText().startsWith("keras: (H/2+0.5"),
        record.get("provenance").toString());

    Path geometric = dir.resolve("g");
    t = ak("train", "--arch", "sum", "--epochs", "1", "--first", "200", "--augment", "--augment-centre",
        "geometric", "--data-dir", data(), "--out", geometric.toString());
    assertEquals(0, t.exitCode(), t.err());
    record = Json.readTree(geometric.resolve("train.json"));
    assertEquals("geometric", record.at("/training/augmentation/centre").asText());
    assertTrue(record.at("/provenance/choices/augmentation-centre").asText().startsWith("geometric"));

    Path plain = dir.resolve("p");
    t = ak("train", "--arch", "sum", "--epochs", "1", "--first", "200", "--data-dir", data(), "--out",
        plain.toString());
    assertEquals(0, t.exitCode(), t.err());
    assertEquals(0, Json.readTree(plain.resolve("train.json")).at("/provenance/choices").size(),
        "no augmentation, no centre in the provenance");

    t = ak("train", "--arch", "sum", "--epochs", "1", "--augment-centre", "geometric", "--data-dir", data(),
        "--out", dir.resolve("x").toString());
    assertEquals(1, t.exitCode());
    assertTrue(t.err().contains("--augment-centre applies only with --augment"), t.err());
  }

  @Test
  void experimentAndSweepRecordTheCentre() throws Exception {
    Path json = dir.resolve("r.json");
    CliTestSupport.Run r = ak("experiment", "--preset", "sum", "--num-runs", "1", "--max-num-epochs", "1",
        "--train-examples", "200", "--test-examples", "50", "--num-swaps", "20", "--use-augmentation",
        "--augmentation-centre", "geometric", "--test-accuracy-output", "", "--model-summary-output", "",
        "--data-dir", data(), "--out", json.toString());
    assertEquals(0, r.exitCode(), r.err());
    ExperimentResult result = ExperimentResult.read(json);
    assertEquals(RotationCentre.GEOMETRIC, result.config().augmentationCentre());
    assertTrue(result.provenance().choices().get("augmentation-centre").startsWith("geometric"));
    assertTrue(Files.readString(json).contains("\"augmentation-centre\" : \"geometric\""));

    Path sweep = dir.resolve("s.json");
    Files.writeString(sweep, "{\"name\": \"centre\", \"runs\": 1, \"base\": {\"preset\": \"sum\","
        + " \"train-examples\": 200, \"test-examples\": 50, \"num-swaps\": 20, \"use-augmentation\": true},"
        + " \"grid\": {\"max-num-epochs\": [1], \"augmentation-centre\": [\"keras\", \"geometric\"]}}");
    Path out = dir.resolve("out");
    r = ak("sweep", "run", sweep.toString(), "--out", out.toString(), "--data-dir", data());
    assertEquals(0, r.exitCode(), r.err());
    List<ObjectNode> lines = new ResultsFile(out.resolve("results.jsonl")).read();
    assertEquals(2, lines.size());
    for (ObjectNode l : lines) {
      String centre = l.at("/config/augmentation-centre").asText();
      assertTrue(List.of("keras", "geometric").contains(centre), l.toString());
      assertTrue(l.at("/provenance/choices/augmentation-centre").asText().startsWith(centre), l.toString());
    }
    assertTrue(!lines.get(0).at("/values").equals(lines.get(1).at("/values")),
        "the two centres train different networks");
  }

  @Test
  void configKeysAcceptBothCentresAndRefuseOthers() {
    assertEquals(RotationCentre.KERAS, new ConfigMerger().build().augmentationCentre(), "parity by default");
    assertEquals(RotationCentre.GEOMETRIC,
        new ConfigMerger().set("augmentation_centre", "Geometric").set("use-augmentation", true).build()
            .augmentation().centre());
    org.afterkernel.AkException e = org.junit.jupiter.api.Assertions.assertThrows(org.afterkernel.AkException.class,
        () -> new ConfigMerger().set("augmentation-centre", "middle").build());
    assertTrue(e.getMessage().contains("augmentation centre is 'middle', expected keras"), e.getMessage());
  }
}
