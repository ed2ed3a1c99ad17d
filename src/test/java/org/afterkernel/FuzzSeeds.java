package org.afterkernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.afterkernel.experiment.ConfigMerger;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.experiment.ExperimentResult;
import org.afterkernel.experiment.ExperimentRunner;
import org.afterkernel.io.Json;
import org.afterkernel.io.NpyArray;
import org.afterkernel.io.Npy;
import org.afterkernel.io.Npz;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.sweep.ResultsFile;
import org.afterkernel.sweep.Shard;
import org.afterkernel.sweep.SweepDefinition;
import org.afterkernel.sweep.SweepRunner;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SavedObjectGraphOuterClass;

/**
 * Writes the seed corpora of the fuzz tests into {@code src/test/resources/.../<Test>Inputs/<method>/}
 * (run from the project root; the committed seeds came from this program). Seeds are small real
 * files or derived copies: the first images and labels of the MNIST and CIFAR-10 files (with the
 * header's count changed to match, and a truncated copy), the Keras SavedModels' small files
 * (keras_metadata.pb, variables.index: all under 20 KB) and their saved_model.pb without the
 * graph (the object graph, signatures and Keras metadata kept), the repository's own exported
 * SavedModels, its sweep configs, and results, configs and .npy/.npz files made here (also by
 * numpy when {@code python3 -c "import numpy"} works). Nothing larger than 20 KB is written.
 *
 * <pre>
 * mvn -q test-compile &amp;&amp; java -cp target/test-classes:target/classes:$(cat cp.txt) org.afterkernel.FuzzSeeds
 * </pre>
 * with {@code cp.txt} from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}; the shared
 * files are read from {@code ../shared} (or {@code $AK_SHARED}).
 */
public final class FuzzSeeds {
  private static final int MAX_SEED = 20 * 1024;
  private static final Path RES = Path.of("src", "test", "resources", "org", "afterkernel");

  private FuzzSeeds() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(System.getenv().getOrDefault("AK_SHARED", "../shared"));
    npy(RES.resolve("io/NpyFuzzTestInputs"));
    data(RES.resolve("data/DataFuzzTestInputs"), shared.resolve("data"));
    savedModel(RES.resolve("savedmodel/SavedModelFuzzTestInputs"), shared.resolve("savedmodels"));
    json(RES.resolve("sweep/JsonFuzzTestInputs"), shared.resolve("data"));
  }

  private static void npy(Path dir) throws Exception {
    Path npy = dir.resolve("npy");
    Path npz = dir.resolve("npz");
    Npy.writeFloats(seedPath(npy, "float32-2x3.npy"), new long[] {2, 3}, new float[] {0, 1, -2.5f, 3e38f, 1e-45f, 7});
    Npy.writeDoubles(seedPath(npy, "float64-scalar.npy"), new long[] {}, new double[] {Math.PI});
    Npy.writeLongs(seedPath(npy, "int64-empty-0x4.npy"), new long[] {0, 4}, new long[0]);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    arrays.put("dense/kernel", NpyArray.ofFloats(new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6}));
    arrays.put("dense/bias", NpyArray.ofFloats(new long[] {2}, new float[] {0, -1}));
    Npz.write(seedPath(npz, "weights.npz"), arrays);
    String py = String.join("\n",
        "import numpy as np, sys",
        "d, z = sys.argv[1], sys.argv[2]",
        "np.save(d + '/numpy-uint8-mnist-like.npy', (np.arange(2*4*4) % 256).astype(np.uint8).reshape(2, 4, 4))",
        "np.save(d + '/numpy-bigendian-int16.npy', np.arange(6, dtype='>i2').reshape(3, 2))",
        "np.save(d + '/numpy-bool.npy', np.array([True, False, True]))",
        "np.save(d + '/numpy-fortran.npy', np.asfortranarray(np.ones((2, 3), np.float32)))",
        "np.save(d + '/numpy-float16.npy', np.ones(3, np.float16))",
        "np.lib.format.write_array(open(d + '/numpy-v2.npy', 'wb'), np.zeros((2, 2), np.float64), version=(2, 0))",
        "np.lib.format.write_array(open(d + '/numpy-v3.npy', 'wb'), np.zeros(3, np.uint32), version=(3, 0))",
        "np.savez(z + '/numpy-savez.npz', kernel=np.ones((2, 2), np.float32), bias=np.zeros(2, np.float32))",
        "np.savez_compressed(z + '/numpy-savez-compressed.npz', x=np.arange(100, dtype=np.int64))");
    try {
      Process p = new ProcessBuilder("python3", "-c", py, npy.toString(), npz.toString()).inheritIO().start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        System.err.println("numpy seeds not written (python3 with numpy failed)");
      }
    } catch (IOException e) {
      System.err.println("numpy seeds not written: " + e.getMessage());
    }
    checkSizes(npy);
    checkSizes(npz);
  }

  private static void data(Path dir, Path data) throws Exception {
    byte[] images = gunzip(Files.readAllBytes(data.resolve("mnist/t10k-images-idx3-ubyte.gz")), 16 + 3 * 784);
    byte[] three = images.clone();
    ByteBuffer.wrap(three).putInt(4, 3); // the header's count: 3 images
    seed(dir.resolve("idxImages"), "t10k-first-3-images-idx3-ubyte", three);
    seed(dir.resolve("idxImages"), "t10k-first-3-images-idx3-ubyte.gz", gzip(three));
    seed(dir.resolve("idxImages"), "t10k-truncated-idx3-ubyte", Arrays.copyOf(images, 16 + 784 + 100));
    byte[] labels = gunzip(Files.readAllBytes(data.resolve("mnist/t10k-labels-idx1-ubyte.gz")), 8 + 40);
    byte[] forty = labels.clone();
    ByteBuffer.wrap(forty).putInt(4, 40);
    seed(dir.resolve("idxLabels"), "t10k-first-40-labels-idx1-ubyte", forty);
    seed(dir.resolve("idxLabels"), "t10k-first-40-labels-idx1-ubyte.gz", gzip(forty));
    seed(dir.resolve("idxLabels"), "t10k-truncated-labels-idx1-ubyte", labels);
    byte[] cifar = Arrays.copyOf(Files.readAllBytes(data.resolve("cifar10/test_batch_catdog.bin")), 2 * 3073);
    seed(dir.resolve("cifarBinary"), "test_batch-first-2-records.bin", cifar);
    seed(dir.resolve("cifarBinary"), "test_batch-1.5-records.bin", Arrays.copyOf(cifar, 3073 + 1500));
  }

  private static void savedModel(Path dir, Path models) throws Exception {
    Path own = Path.of("savedmodels");
    for (String m : List.of("sum-mnist-3v8-1epoch", "mlp-mnist-3v8-1epoch")) {
      seed(dir.resolve("savedModelPb"), m + "-saved_model.pb", Files.readAllBytes(own.resolve(m).resolve("saved_model.pb")));
    }
    seed(dir.resolve("checkpointIndex"), "sum-variables.index",
        Files.readAllBytes(own.resolve("sum-mnist-3v8-1epoch/variables/variables.index")));
    for (String m : List.of("sum", "mlp")) {
      seed(dir.resolve("checkpointEntries"), m + "-entries", org.afterkernel.savedmodel.FuzzSeedAccess.entries(
          Files.readAllBytes(own.resolve(m + "-mnist-3v8-1epoch/variables/variables.index"))));
    }
    seed(dir.resolve("checkpointData"), "sum-variables.data-00000-of-00001",
        Files.readAllBytes(own.resolve("sum-mnist-3v8-1epoch/variables/variables.data-00000-of-00001")));
    for (String m : List.of("keras_mnist_mlp_vignesh", "keras_mnist_cnn_th368", "keras_cifar10_cnn_logits_lao")) {
      Path md = models.resolve(m).resolve("keras_metadata.pb");
      if (Files.exists(md)) {
        seed(dir.resolve("kerasMetadataPb"), m + "-keras_metadata.pb", Files.readAllBytes(md));
      }
      seed(dir.resolve("checkpointIndex"), m + "-variables.index",
          Files.readAllBytes(models.resolve(m).resolve("variables/variables.index")));
      // saved_model.pb without its graph (the bulk): signatures, object graph and Keras metadata kept.
      SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(models.resolve(m).resolve("saved_model.pb")));
      SavedModel.Builder b = sm.toBuilder();
      for (int i = 0; i < b.getMetaGraphsCount(); i++) {
        MetaGraphDef.Builder mg = b.getMetaGraphsBuilder(i);
        mg.clearGraphDef();
        mg.getObjectGraphDefBuilder().clearConcreteFunctions();
        mg.getMetaInfoDefBuilder().clearStrippedOpList();
        // Only the Keras objects' metadata kept; other objects emptied in place, so node ids stay.
        var graph = mg.getObjectGraphDefBuilder();
        for (int n = 0; n < graph.getNodesCount(); n++) {
          var node = graph.getNodes(n);
          var kept = SavedObjectGraphOuterClass.SavedObject.newBuilder();
          if (node.hasUserObject() && node.getUserObject().getIdentifier().startsWith("_tf_keras_")
              && !node.getUserObject().getIdentifier().equals("_tf_keras_metric")) {
            kept.setUserObject(node.getUserObject());
          }
          graph.setNodes(n, kept);
        }
      }
      seed(dir.resolve("savedModelPb"), m + "-without-graph-saved_model.pb", b.build().toByteArray());
    }
    Path lift = dir.resolveSibling("LiftFuzzTestInputs");
    for (Map.Entry<String, byte[]> e : org.afterkernel.savedmodel.FuzzSeedAccess.liftSeeds(models).entrySet()) {
      String[] target = e.getKey().split("/", 2);
      seed(lift.resolve(target[0]), target[1], e.getValue());
    }
  }

  private static void json(Path dir, Path data) throws Exception {
    for (String c : List.of("quickstart.json", "fig16-augmentation-improves-accuracy-smoke.json",
        "fig08-invariance-with-augmentation-smoke.json")) {
      byte[] bytes = Files.readAllBytes(Path.of("configs", c));
      if (c.equals("quickstart.json")) {
        seed(dir.resolve("experimentConfig"), c, bytes);
      } else {
        seed(dir.resolve("sweepDefinition"), c, bytes);
      }
    }
    seed(dir.resolve("experimentConfig"), "snake-case.json", ("{\"nn_architecture\": \"MLP\", \"num_parameters\": 2e4,"
        + " \"use_augmentation\": true, \"augmentation-centre\": \"geometric\", \"learning_rate\": null}").getBytes());
    for (String p : NetworkSpec.PRESETS) {
      seed(dir.resolve("networkJson"), p + ".json", Json.toString(NetworkSpec.preset(p, 28, 28, 1)).getBytes());
    }
    // A tiny sweep and experiment, run for real, for results lines and a result document.
    Path tmp = Files.createTempDirectory("ak-seeds-");
    Path sweep = tmp.resolve("s.json");
    Files.writeString(sweep, "{\"name\": \"seed\", \"runs\": 1, \"base\": {\"preset\": \"sum\", \"train-examples\": 100,"
        + " \"test-examples\": 20, \"num-swaps\": 10, \"train-linear-model\": true, \"svm-iterations\": 5},"
        + " \"grid\": {\"max-num-epochs\": [0, 1], \"learning-rate\": [0.01, 1e30]}}");
    Path results = tmp.resolve("results.jsonl");
    new SweepRunner(SweepDefinition.read(sweep), new ResultsFile(results), data, l -> {}, false).run(Shard.ALL, false);
    seed(dir.resolve("resultsLines"), "results.jsonl", Files.readAllBytes(results));
    ExperimentConfig c = new ConfigMerger().set("preset", "sum").set("num-runs", 2).set("max-num-epochs", 1)
        .set("train-examples", 100).set("test-examples", 20).set("num-zooms", 10).set("test-accuracy-output", "")
        .build();
    ExperimentResult r = ExperimentRunner.load(c, data, l -> {}, false).run();
    Path result = tmp.resolve("result.json");
    r.write(result);
    seed(dir.resolve("experimentResult"), "result.json", Files.readAllBytes(result));
  }

  private static Path seedPath(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    return dir.resolve(name);
  }

  private static void seed(Path dir, String name, byte[] bytes) throws IOException {
    if (bytes.length > MAX_SEED) {
      throw new IllegalStateException(name + ": " + bytes.length + " bytes, more than a seed may be");
    }
    Files.write(seedPath(dir, name), bytes);
  }

  private static void checkSizes(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        if (Files.size(p) > MAX_SEED) {
          throw new IllegalStateException(p + " is larger than a seed may be");
        }
      }
    }
  }

  private static byte[] gunzip(byte[] gz, int first) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return in.readNBytes(first);
    }
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(raw);
    }
    return out.toByteArray();
  }
}
