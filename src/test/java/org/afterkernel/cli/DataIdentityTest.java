package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Json;
import org.afterkernel.sweep.ResultsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every result says which data it was computed on: train.json, experiment results, sweep lines and
 * the report name each file with its size and SHA-256 and whether it matches its reference; the
 * issue's case, MNIST's test files copied over its training files, is recorded and warned about.
 */
class DataIdentityTest {
  /** SHA-256 of the published MNIST files (yann.lecun.com, as gzipped), from sha256sum. */
  private static final String TRAIN_IMAGES = "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609";
  private static final String TEST_IMAGES = "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6";
  private static final String TEST_LABELS = "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6";

  @TempDir Path dir;

  private Path mnistCopy() throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("mnist"));
    for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz")) {
      Files.copy(TestData.sharedDataDir().resolve("mnist").resolve(f), data.resolve("mnist").resolve(f));
    }
    return data;
  }

  private static JsonNode file(JsonNode identity, String name) {
    for (JsonNode f : identity.path("files")) {
      if (f.path("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no " + name + " in " + identity);
  }

  @Test
  void trainJsonRecordsTheFilesAndTheirChecks() throws IOException {
    Path data = mnistCopy();
    CliTestSupport.Run ok = ak("train", "--arch", "mlp", "--width", "4", "--epochs", "1", "--first", "64",
        "--data-dir", data.toString(), "--out", dir.resolve("m").toString());
    assertEquals(0, ok.exitCode(), ok.err());
    JsonNode train = Json.readTree(dir.resolve("m/train.json")).path("data").path("train");
    assertEquals("mnist", train.path("dataset").asText());
    assertEquals("3,8", train.path("classes").asText());
    assertEquals(64, train.path("examples").asInt());
    assertTrue(train.path("verified").asBoolean(), train.toString());
    JsonNode images = file(train, "train-images-idx3-ubyte.gz");
    assertEquals(TRAIN_IMAGES, images.path("sha256").asText());
    assertEquals(Files.size(data.resolve("mnist/train-images-idx3-ubyte.gz")), images.path("bytes").asLong());
    assertEquals("official", images.path("check").asText());
    assertEquals(TEST_IMAGES, file(Json.readTree(dir.resolve("m/train.json")).path("data").path("test"),
        "t10k-images-idx3-ubyte.gz").path("sha256").asText());

    // The test files copied over the training files: trains on the test set, and says so.
    Files.copy(data.resolve("mnist/t10k-images-idx3-ubyte.gz"), data.resolve("mnist/train-images-idx3-ubyte.gz"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(data.resolve("mnist/t10k-labels-idx1-ubyte.gz"), data.resolve("mnist/train-labels-idx1-ubyte.gz"),
        StandardCopyOption.REPLACE_EXISTING);
    CliTestSupport.Run swapped = ak("train", "--arch", "mlp", "--width", "4", "--epochs", "1", "--first", "64",
        "--data-dir", data.toString(), "--out", dir.resolve("m2").toString());
    assertEquals(0, swapped.exitCode(), swapped.err());
    assertTrue(swapped.err().contains("ak: warning: " + data.toAbsolutePath().resolve("mnist/train-images-idx3-ubyte.gz")
        + ": not the file the data directory expects (SHA-256 " + TEST_IMAGES + ", expected " + TRAIN_IMAGES
        + " (the official file))"), swapped.err());
    JsonNode bad = Json.readTree(dir.resolve("m2/train.json")).path("data").path("train");
    assertEquals(false, bad.path("verified").asBoolean(true));
    assertEquals(TEST_IMAGES, file(bad, "train-images-idx3-ubyte.gz").path("sha256").asText());
    assertEquals(TEST_LABELS, file(bad, "train-labels-idx1-ubyte.gz").path("sha256").asText());
    assertTrue(file(bad, "train-images-idx3-ubyte.gz").path("check").asText()
        .startsWith("MISMATCH: expected " + TRAIN_IMAGES), bad.toString());
  }

  @Test
  void experimentSweepAndReportRecordTheData() throws IOException {
    Path data = mnistCopy();
    Path result = dir.resolve("e.json");
    CliTestSupport.Run e = ak("experiment", "--preset", "sum", "--num-parameters", "16", "--max-num-epochs", "0",
        "--num-runs", "1", "--train-examples", "50", "--test-examples", "20", "--svm-iterations", "5",
        "--num-swaps", "4", "--data-dir", data.toString(), "--out", result.toString(), "--test-accuracy-output", "");
    assertEquals(0, e.exitCode(), e.err());
    JsonNode d = Json.readTree(result).path("data");
    assertEquals(50, d.path("train").path("examples").asInt());
    assertEquals(20, d.path("test").path("examples").asInt());
    assertEquals(TEST_IMAGES, file(d.path("test"), "t10k-images-idx3-ubyte.gz").path("sha256").asText());

    Path sweep = dir.resolve("s.json");
    Files.writeString(sweep, "{\"name\": \"s\", \"runs\": 1, \"base\": {\"preset\": \"sum\", \"num-parameters\": 16,"
        + " \"train-examples\": 50, \"test-examples\": 20, \"train-linear-model\": true, \"svm-iterations\": 5,"
        + " \"num-swaps\": 4}, \"grid\": {\"max-num-epochs\": [0]}}");
    Files.copy(data.resolve("mnist/t10k-images-idx3-ubyte.gz"), data.resolve("mnist/train-images-idx3-ubyte.gz"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(data.resolve("mnist/t10k-labels-idx1-ubyte.gz"), data.resolve("mnist/train-labels-idx1-ubyte.gz"),
        StandardCopyOption.REPLACE_EXISTING);
    Path out = dir.resolve("out");
    CliTestSupport.Run run = ak("sweep", "run", sweep.toString(), "--out", out.toString(), "--data-dir",
        data.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode line = new ResultsFile(out.resolve("results.jsonl")).read().get(0);
    assertEquals(false, line.path("data").path("train").path("verified").asBoolean(true), line.toString());
    assertEquals(TEST_IMAGES, file(line.path("data").path("train"), "train-images-idx3-ubyte.gz").path("sha256")
        .asText());
    CliTestSupport.Run report = ak("report", out.toString(), "--out", dir.resolve("r.html").toString());
    assertEquals(0, report.exitCode(), report.err());
    String html = Files.readString(dir.resolve("r.html"));
    assertTrue(html.contains("<h3>Data</h3>"), "a data section");
    assertTrue(html.contains("Some cells were computed on files that differ from their reference SHA-256"), html);
    assertTrue(html.contains("<code>" + TEST_IMAGES + "</code>"), "the file's digest is shown");
  }
}
