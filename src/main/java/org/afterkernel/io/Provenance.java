package org.afterkernel.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.afterkernel.tf.TensorFlowRuntime;

/**
 * Where and with what a result was produced: versions of afterkernel, TensorFlow and Java, the
 * machine, the thread settings and the command line. Recorded with every result file.
 *
 * @param afterkernel afterkernel version
 * @param tensorflowJava TensorFlow Java version
 * @param tensorflowNative version of the native TensorFlow library
 * @param natives native classifier (CPU or GPU build)
 * @param java Java runtime version and vendor
 * @param os operating system name, version and architecture
 * @param cpu CPU model name
 * @param processors processors available to the JVM
 * @param intraOpThreads TensorFlow intra-op threads as set (0 = TensorFlow's default)
 * @param threads TensorFlow intra-op threads the sessions ran with (0 resolved to the processors
 *     available): results move in their last digits with it, so it is part of a result's identity
 * @param interOpThreads TensorFlow inter-op threads (0 = TensorFlow's default)
 * @param host host name
 * @param command the command line (arguments after {@code ak})
 * @param createdAt when the provenance was taken (ISO-8601)
 * @param choices settings where this port offers an alternative to the original's behaviour, as
 *     the run used them (e.g. {@code augmentation-centre} when it augments); empty when none applies
 */
public record Provenance(
    String afterkernel,
    String tensorflowJava,
    String tensorflowNative,
    String natives,
    String java,
    String os,
    String cpu,
    int processors,
    int intraOpThreads,
    int threads,
    int interOpThreads,
    String host,
    List<String> command,
    String createdAt,
    Map<String, String> choices) {

  public Provenance {
    choices = choices == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(choices));
  }

  private static volatile List<String> commandLine = List.of();

  /** Remembers the command line so that every result can record it. */
  public static void setCommandLine(List<String> args) {
    commandLine = List.copyOf(args);
  }

  /** The provenance of a result produced now, in this process. */
  public static Provenance current() {
    return new Provenance(
        Versions.afterkernel(),
        Versions.tensorflowJava(),
        TensorFlowRuntime.nativeVersion(),
        Versions.nativeClassifier(),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        TensorFlowRuntime.intraOpThreads(),
        TensorFlowRuntime.effectiveIntraOpThreads(),
        TensorFlowRuntime.interOpThreads(),
        hostName(),
        commandLine,
        Instant.now().toString(),
        Map.of());
  }

  /** This provenance with the choice {@code key} recorded as {@code value}. */
  public Provenance withChoice(String key, String value) {
    Map<String, String> c = new TreeMap<>(choices);
    c.put(key, value);
    return new Provenance(afterkernel, tensorflowJava, tensorflowNative, natives, java, os, cpu, processors,
        intraOpThreads, threads, interOpThreads, host, command, createdAt, c);
  }

  /** The CPU model from /proc/cpuinfo, or the architecture where that is not available. */
  public static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
