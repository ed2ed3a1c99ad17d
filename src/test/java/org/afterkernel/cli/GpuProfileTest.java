package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.afterkernel.tf.TensorFlowRuntime.Device;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The GPU build, checked without building it (its natives are over 500 MB): the pom's {@code gpu}
 * profile, the launcher's {@code AK_PROFILE}, and what {@code ak info} says about GPU devices.
 */
class GpuProfileTest {

  @Test
  void infoNamesGpuDevicesOrSaysTheCpuComputes() {
    Device cpu = new Device("/job:localhost/replica:0/task:0/device:CPU:0", "CPU", 256L << 20);
    Device gpu0 = new Device("/job:localhost/replica:0/task:0/device:GPU:0", "GPU", 15000L << 20);
    Device gpu1 = new Device("/job:localhost/replica:0/task:0/device:GPU:1", "GPU", 0);
    assertEquals("2: /job:localhost/replica:0/task:0/device:GPU:0 (15000 MiB), /job:localhost/replica:0/task:0/device:GPU:1",
        InfoCommand.gpuDevices("linux-x86_64-gpu", List.of(cpu, gpu0, gpu1)));
    assertTrue(InfoCommand.gpuDevices("linux-x86_64-gpu", List.of(cpu))
        .startsWith("none visible to TensorFlow (GPU natives loaded"));
    assertTrue(InfoCommand.gpuDevices("linux-x86_64-gpu", List.of(cpu)).endsWith("computing on the CPU"));
    assertTrue(InfoCommand.gpuDevices("linux-x86_64", List.of(cpu)).startsWith("none (CPU natives;"));

    CliTestSupport.Run r = ak("info");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("GPU devices        none (CPU natives; AK_PROFILE=gpu tools/ak runs the GPU build)"),
        r.out());
  }

  @Test
  void theGpuProfileSwapsTheNativesAndBuildsIntoItsOwnDirectory() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    Document pom = f.newDocumentBuilder().parse(new File("pom.xml"));
    Element project = pom.getDocumentElement();
    assertEquals("linux-x86_64", child(child(project, "properties"), "tensorflow.native.classifier").getTextContent(),
        "the default build has CPU natives");
    Element gpu = null;
    NodeList profiles = pom.getElementsByTagName("profile");
    for (int i = 0; i < profiles.getLength(); i++) {
      Element p = (Element) profiles.item(i);
      if (child(p, "id").getTextContent().equals("gpu")) {
        gpu = p;
      }
    }
    assertNotNull(gpu, "a profile with id gpu");
    assertNull(child(gpu, "activation"), "never active by default (CI never downloads the GPU natives)");
    assertEquals("linux-x86_64-gpu", child(child(gpu, "properties"), "tensorflow.native.classifier").getTextContent());
    assertEquals("${project.basedir}/target-gpu", child(child(gpu, "build"), "directory").getTextContent(),
        "the GPU build never mixes its lib/ with the CPU build's target/lib");
    // The natives dependency takes its classifier from the property the profile sets.
    boolean found = false;
    NodeList deps = pom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if (child(d, "artifactId").getTextContent().equals("tensorflow-core-native")) {
        assertEquals("${tensorflow.native.classifier}", child(d, "classifier").getTextContent());
        found = true;
      }
    }
    assertTrue(found, "tensorflow-core-native is a dependency");
    assertTrue(Files.readString(Path.of(".gitignore")).lines().anyMatch(l -> l.equals("target-gpu/")));
  }

  @Test
  void theLauncherRunsTheGpuBuildFromItsDirectoryAndRefusesUnknownProfiles() throws Exception {
    String launcher = Files.readString(Path.of("tools/ak"));
    assertTrue(launcher.contains("gpu) build=\"$here/target-gpu\"; mvn_profile=(-Pgpu) ;;"), "AK_PROFILE=gpu");
    assertTrue(launcher.contains("-cp \"$jar:$build/lib/*\""), "runs against the chosen build's lib/");
    // An unknown profile stops before any build.
    ProcessBuilder pb = new ProcessBuilder("bash", "tools/ak", "info").redirectErrorStream(true);
    pb.environment().put("AK_PROFILE", "tpu");
    Process q = pb.start();
    assertTrue(q.waitFor(60, TimeUnit.SECONDS));
    String out = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, q.exitValue(), out);
    assertEquals("ak: error: AK_PROFILE is 'tpu', expected cpu or gpu\n", out);
  }

  private static Element child(Element parent, String name) {
    NodeList kids = parent.getChildNodes();
    for (int i = 0; i < kids.getLength(); i++) {
      if (kids.item(i) instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
