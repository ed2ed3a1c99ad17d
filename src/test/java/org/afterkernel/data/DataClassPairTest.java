package org.afterkernel.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.afterkernel.AkException;
import org.junit.jupiter.api.Test;

/** Class pairs, dataset names and the data directory's precedence. */
class DataClassPairTest {
  @Test
  void parsesMinusFirst() {
    assertEquals(new ClassPair(3, 8), ClassPair.parse("3,8"));
    assertEquals(new ClassPair(6, 5), ClassPair.parse(" 6 , 5 "));
    assertEquals(new ClassPair(3, 8), ClassPair.DEFAULT);
    assertEquals("5,6", new ClassPair(5, 6).toString());
    ClassPair p = new ClassPair(5, 6);
    assertEquals(0, p.binaryLabel(5));
    assertEquals(1, p.binaryLabel(6));
    assertEquals(-1, p.binaryLabel(3));
  }

  @Test
  void rejectsTheSameClassTwice() {
    AkException e = assertThrows(AkException.class, () -> ClassPair.parse("3,3"));
    assertTrue(e.getMessage().contains("got class 3 twice"), e.getMessage());
  }

  @Test
  void rejectsClassesOutsideZeroToNine() {
    AkException e = assertThrows(AkException.class, () -> ClassPair.parse("3,10"));
    assertTrue(e.getMessage().contains("plus class 10 is outside 0-9"), e.getMessage());
    e = assertThrows(AkException.class, () -> new ClassPair(-1, 2));
    assertTrue(e.getMessage().contains("minus class -1 is outside 0-9"), e.getMessage());
  }

  @Test
  void rejectsMalformedText() {
    for (String bad : new String[] {"3", "3,8,5", "a,8", "", "3,"}) {
      AkException e = assertThrows(AkException.class, () -> ClassPair.parse(bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void datasetNamesAndShapes() {
    assertEquals(Dataset.MNIST, Dataset.fromName("MNIST"));
    assertEquals(Dataset.CIFAR10, Dataset.fromName("cifar10"));
    assertEquals("28x28x1", Dataset.MNIST.shapeText());
    assertEquals(3072, Dataset.CIFAR10.imageSize());
    assertEquals("5 (dog)", Dataset.CIFAR10.describeClass(5));
    assertEquals("5", Dataset.MNIST.describeClass(5));
    AkException e = assertThrows(AkException.class, () -> Dataset.fromName("svhn"));
    assertTrue(e.getMessage().contains("'svhn'"), e.getMessage());
  }

  @Test
  void dataDirPrecedence() {
    Path home = Path.of("/home/someone");
    Path cli = Path.of("/from/cli");
    Map<String, String> env = Map.of(DataDir.ENV, "/from/env");
    assertEquals(cli, DataDir.resolve(cli, env, home));
    assertEquals(Path.of("/from/env"), DataDir.resolve(null, env, home));
    assertEquals(home.resolve(".cache/afterkernel"), DataDir.resolve(null, Map.of(), home));
    assertEquals(home.resolve(".cache/afterkernel"), DataDir.resolve(null, Map.of(DataDir.ENV, " "), home));
    assertEquals(Path.of("/d/cifar10"), DataDir.of(Path.of("/d"), Dataset.CIFAR10));
  }
}
