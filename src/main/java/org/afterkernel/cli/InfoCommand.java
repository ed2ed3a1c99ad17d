package org.afterkernel.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.afterkernel.io.Provenance;
import org.afterkernel.io.Versions;
import org.afterkernel.tf.TensorFlowRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ak info}: what TensorFlow this process runs on. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Print TensorFlow version, natives (CPU/GPU), devices, threads and Java version.")
public final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<TensorFlowRuntime.Device> devices = TensorFlowRuntime.devices();
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf("afterkernel        %s%n", Versions.afterkernel());
    out.printf("TensorFlow Java    %s%n", Versions.tensorflowJava());
    out.printf("TensorFlow native  %s%n", TensorFlowRuntime.nativeVersion());
    out.printf(
        "natives            %s (%s)%n",
        Versions.nativeClassifier().endsWith("gpu") ? "GPU" : "CPU", Versions.nativeClassifier());
    for (TensorFlowRuntime.Device d : devices) {
      out.printf(
          "device             %s (%s%s)%n",
          d.name(), d.type(), d.memoryBytes() > 0 ? ", " + (d.memoryBytes() >> 20) + " MiB" : "");
    }
    out.printf("GPU devices        %s%n", gpuDevices(Versions.nativeClassifier(), devices));
    out.printf("intra-op threads   %s%n", threads(TensorFlowRuntime.intraOpThreads(), cores));
    out.printf("inter-op threads   %s%n", threads(TensorFlowRuntime.interOpThreads(), cores));
    out.printf("processors         %d (%s)%n", cores, Provenance.cpuModel());
    out.printf(
        "Java               %s (%s), max heap %d MiB%n",
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        Runtime.getRuntime().maxMemory() >> 20);
    out.printf(
        "OS                 %s %s %s%n",
        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
    out.flush();
    return 0;
  }

  /**
   * The GPU devices TensorFlow sees, by name, or why there are none and that the CPU computes:
   * the build has CPU natives, or it has GPU natives but TensorFlow found no usable CUDA device.
   */
  static String gpuDevices(String nativeClassifier, List<TensorFlowRuntime.Device> devices) {
    List<String> gpus = devices.stream()
        .filter(d -> d.type().equalsIgnoreCase("GPU"))
        .map(d -> d.name() + (d.memoryBytes() > 0 ? " (" + (d.memoryBytes() >> 20) + " MiB)" : ""))
        .toList();
    if (!gpus.isEmpty()) {
      return gpus.size() + ": " + String.join(", ", gpus);
    }
    if (nativeClassifier.endsWith("gpu")) {
      return "none visible to TensorFlow (GPU natives loaded, but no CUDA device, driver or CUDA 12"
          + " libraries found): computing on the CPU";
    }
    return "none (CPU natives; AK_PROFILE=gpu tools/ak runs the GPU build): computing on the CPU";
  }

  private static String threads(int n, int cores) {
    return n == 0 ? "TensorFlow default (" + cores + ")" : Integer.toString(n);
  }
}
