package org.afterkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.afterkernel.AkException;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@link DataOptions} mixin as later commands will use it. */
class DataOptionsTest {
  @Command(name = "probe")
  static final class Probe {
    @Mixin DataOptions data;
  }

  private static DataOptions parse(String... args) {
    Probe p = new Probe();
    new CommandLine(p).parseArgs(args);
    return p.data;
  }

  @Test
  void defaultsAreMnistThreeVersusEight() {
    DataOptions d = parse();
    assertEquals(Dataset.MNIST, d.dataset());
    assertEquals(ClassPair.DEFAULT, d.classes());
  }

  @Test
  void readsAllThreeOptions() {
    DataOptions d = parse("--data-dir", "/x/data", "--dataset", "Cifar10", "--classes", "5,3");
    assertEquals(Path.of("/x/data"), d.dataDir());
    assertEquals(Dataset.CIFAR10, d.dataset());
    assertEquals(new ClassPair(5, 3), d.classes());
  }

  @Test
  void badClassesFailWhenUsed() {
    assertThrows(AkException.class, () -> parse("--classes", "4,4").classes());
    assertThrows(CommandLine.ParameterException.class, () -> parse("--dataset", "imagenet"));
  }
}
