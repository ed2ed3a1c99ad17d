package org.afterkernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tools/k8s-sweep-job.yaml read as YAML: an Indexed Job whose shard count matches its completions
 * and whose pods write their shards to one shared results volume. (Not run on a cluster.)
 */
class K8sSweepJobTest {
  private static final Path JOB = Path.of("tools", "k8s-sweep-job.yaml");

  @Test
  void theIndexedJobRunsOneShardPerCompletionIntoASharedVolume() throws IOException {
    JsonNode job = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(JOB));
    assertEquals("batch/v1", job.path("apiVersion").asText());
    assertEquals("Job", job.path("kind").asText());
    JsonNode spec = job.path("spec");
    assertEquals("Indexed", spec.path("completionMode").asText(), "JOB_COMPLETION_INDEX is set only in Indexed mode");
    int completions = spec.path("completions").asInt(-1);
    assertTrue(completions >= 1, "completions: " + spec.path("completions"));
    assertEquals(completions, spec.path("parallelism").asInt(-1), "parallelism = completions");

    JsonNode pod = spec.path("template").path("spec");
    assertEquals(1, pod.path("containers").size());
    JsonNode container = pod.path("containers").get(0);
    assertEquals(String.valueOf(completions), env(container, "AK_SHARD_COUNT"), "AK_SHARD_COUNT = completions");
    assertEquals(List.of("tools/ak", "sweep", "run"), strings(container.path("command")));

    List<String> args = strings(container.path("args"));
    assertTrue(Files.isRegularFile(Path.of(args.get(0))), "the sweep config exists: " + args.get(0));
    SweepDefinition.read(Path.of(args.get(0)));
    assertTrue(args.contains("--merge-when-complete"), "the last pod merges: " + args);
    String out = args.get(args.indexOf("--out") + 1);
    // The results directory lies in a mounted volume backed by one claim: every pod writes there.
    JsonNode mount = null;
    for (JsonNode m : container.path("volumeMounts")) {
      if (out.startsWith(m.path("mountPath").asText() + "/")) {
        mount = m;
      }
    }
    assertTrue(mount != null, "--out " + out + " is in a mounted volume");
    JsonNode volume = null;
    for (JsonNode v : pod.path("volumes")) {
      if (v.path("name").asText().equals(mount.path("name").asText())) {
        volume = v;
      }
    }
    assertTrue(volume != null && volume.path("persistentVolumeClaim").hasNonNull("claimName"),
        "the results volume is a persistent volume claim shared by the pods, not per-pod storage: " + volume);
    assertTrue(env(container, "AK_DATA_DIR") != null, "the data directory is set");
  }

  private static String env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (e.path("name").asText().equals(name)) {
        return e.path("value").asText();
      }
    }
    return null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
