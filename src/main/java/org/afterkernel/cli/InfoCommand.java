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
    boolean gpu = devices.stream().anyMatch(d -> d.type().equalsIgnoreCase("GPU"));
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
    out.printf("GPU visible        %s%n", gpu ? "yes" : "no");
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

  private static String threads(int n, int cores) {
    return n == 0 ? "TensorFlow default (" + cores + ")" : Integer.toString(n);
  }
}
