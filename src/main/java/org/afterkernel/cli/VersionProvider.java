package org.afterkernel.cli;

import org.afterkernel.io.Versions;
import picocli.CommandLine.IVersionProvider;

/** {@code ak --version}: afterkernel, TensorFlow Java and Java versions. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "afterkernel " + Versions.afterkernel(),
      "TensorFlow Java " + Versions.tensorflowJava() + " (natives " + Versions.nativeClassifier() + ")",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
