package org.afterkernel.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of afterkernel and TensorFlow Java, as recorded at build time. */
public final class Versions {
  private static final Properties PROPS = load();

  private Versions() {}

  /** The afterkernel version (from the pom). */
  public static String afterkernel() {
    return PROPS.getProperty("version", "unknown");
  }

  /** The TensorFlow Java version this build is linked against (e.g. 1.1.0). */
  public static String tensorflowJava() {
    return PROPS.getProperty("tensorflow.java", "unknown");
  }

  /** The native classifier of the build: {@code linux-x86_64} or {@code linux-x86_64-gpu}. */
  public static String nativeClassifier() {
    return PROPS.getProperty("tensorflow.native.classifier", "unknown");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/afterkernel-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
