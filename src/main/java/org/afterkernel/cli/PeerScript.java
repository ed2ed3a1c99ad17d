package org.afterkernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.afterkernel.io.Json;

/**
 * An optional peer measurement: a Python script under {@code tools/peer/} run with the first
 * Python that has its library ({@code python} if given, else {@code $AK_PEER_PYTHON}, {@code
 * python3} on the PATH and Debian's {@code /usr/bin/python3}), printing one JSON object whose
 * {@code available} says whether it measured. Never a dependency: where no Python has the library,
 * the answer is the reasons, and the benchmark goes on without the peer.
 */
final class PeerScript {
  private final Path script;
  private final List<String> pythons;

  private PeerScript(Path script, List<String> pythons) {
    this.script = script;
    this.pythons = pythons;
  }

  /** The script at {@code relative} (e.g. {@code tools/peer/x.py}) of the project, or {@code script}. */
  static PeerScript locate(String relative, Path script, String python) {
    Set<String> candidates = new LinkedHashSet<>();
    if (python != null) {
      candidates.add(python);
    } else {
      String env = System.getenv("AK_PEER_PYTHON");
      if (env != null && !env.isBlank()) {
        candidates.add(env);
      }
      candidates.add("python3");
      candidates.add("/usr/bin/python3");
    }
    return new PeerScript(script != null ? script : projectFile(relative), List.copyOf(candidates));
  }

  Path script() {
    return script;
  }

  /**
   * The script's JSON answer with {@code arguments} from the first Python that measured, or an
   * object {@code {"available": false, "reason": ...}} listing why each failed.
   */
  JsonNode run(List<String> arguments, long timeoutMinutes) {
    if (!Files.isRegularFile(script)) {
      return unavailable("no peer script at " + script);
    }
    List<String> reasons = new ArrayList<>();
    for (String python : pythons) {
      List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
      cmd.addAll(arguments);
      try {
        JsonNode j = runForJson(cmd, timeoutMinutes);
        if (j.path("available").asBoolean(false)) {
          return j;
        }
        reasons.add(python + ": " + j.path("reason").asText("no reason given"));
      } catch (IOException e) {
        reasons.add(python + ": " + e.getMessage());
      }
    }
    return unavailable(String.join("; ", reasons));
  }

  static JsonNode unavailable(String reason) {
    return Json.MAPPER.createObjectNode().put("available", false).put("reason", reason);
  }

  private static Path projectFile(String relative) {
    try {
      Path code = Path.of(PeerScript.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // target/afterkernel.jar or target/classes: the project root is two levels up.
      Path root = code.toAbsolutePath().getParent().getParent();
      return root.resolve(relative);
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of(relative);
    }
  }

  /** Runs {@code cmd} and parses the last line of its standard output as JSON. */
  private static JsonNode runForJson(List<String> cmd, long timeoutMinutes) throws IOException {
    Path err = Files.createTempFile("ak-peer", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out");
      }
      if (p.exitValue() != 0 || out.isEmpty()) {
        List<String> lines = Files.readAllLines(err);
        throw new IOException("exit " + p.exitValue() + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1)));
      }
      return Json.MAPPER.readTree(out.substring(out.lastIndexOf('\n') + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
