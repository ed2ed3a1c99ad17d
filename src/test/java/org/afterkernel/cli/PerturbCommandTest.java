package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.afterkernel.io.Npy;
import org.afterkernel.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerturbCommandTest {
  @TempDir Path dir;

  private String in(String name, long[] shape, float[] values) {
    Path p = dir.resolve(name);
    Npy.writeFloats(p, shape, values);
    return p.toString();
  }

  @Test
  void rankThreeInputIsOneChannelAndKeepsItsShape() {
    // Two 2x3 images; shift right by 1.
    String x =
        in("x.npy", new long[] {2, 2, 3}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    Path out = dir.resolve("y.npy");
    CliTestSupport.Run r = ak("perturb", "--kind", "translate", "--in", x, "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("translate(dx=1, dy=0) on 2 images of 2x3x1"), r.out());
    NpyArray y = Npy.read(out);
    assertArrayEquals(new long[] {2, 2, 3}, y.shape());
    assertArrayEquals(new float[] {0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11}, y.asFloats());
  }

  @Test
  void swapAndRotateRunOnNhwc() {
    float[] v = new float[16];
    for (int i = 0; i < 16; i++) {
      v[i] = i + 1;
    }
    String x = in("x.npy", new long[] {1, 4, 4, 1}, v);
    Path out = dir.resolve("y.npy");
    assertEquals(0, ak("perturb", "--kind", "swap", "--in", x, "--out", out.toString()).exitCode());
    assertArrayEquals(
        new float[] {11, 12, 3, 4, 15, 16, 7, 8, 9, 10, 1, 2, 13, 14, 5, 6},
        Npy.read(out).asFloats());
    CliTestSupport.Run r =
        ak(
            "perturb",
            "--kind",
            "rotate",
            "--angle",
            String.valueOf(Math.PI / 2),
            "--in",
            x,
            "--out",
            out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertArrayEquals(
        new float[] {4, 8, 12, 16, 3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13},
        Npy.read(out).asFloats());
  }

  @Test
  void pngShowsOriginalGapAndPerturbedInColour() throws IOException {
    // One 2x2 RGB image: top-left pure red, the rest black. Shifted right by 1, red moves right.
    float[] v = new float[12];
    v[0] = 1;
    String x = in("x.npy", new long[] {1, 2, 2, 3}, v);
    Path pngs = dir.resolve("png");
    CliTestSupport.Run r =
        ak(
            "perturb",
            "--kind",
            "translate",
            "--in",
            x,
            "--out",
            dir.resolve("y.npy").toString(),
            "--png",
            pngs.toString(),
            "--png-scale",
            "3");
    assertEquals(0, r.exitCode(), r.err());
    BufferedImage img = ImageIO.read(pngs.resolve("translate-000.png").toFile());
    int gap = 6; // max(4, 2 * scale)
    assertEquals(2 * 6 + gap, img.getWidth());
    assertEquals(6, img.getHeight());
    assertEquals(0xff0000, img.getRGB(1, 1) & 0xffffff, "original top-left is red");
    assertEquals(0x000000, img.getRGB(4, 1) & 0xffffff, "original top-right is black");
    assertEquals(0x808080, img.getRGB(7, 1) & 0xffffff, "gap is mid grey");
    assertEquals(0x000000, img.getRGB(6 + gap + 1, 1) & 0xffffff, "perturbed top-left is black");
    assertEquals(0xff0000, img.getRGB(6 + gap + 4, 1) & 0xffffff, "perturbed top-right is red");
  }

  @Test
  void greyPngKeepsTheLevels() throws IOException {
    String x = in("x.npy", new long[] {1, 1, 2}, new float[] {0.5f, 1f});
    Path pngs = dir.resolve("png");
    assertEquals(
        0,
        ak(
                "perturb",
                "--kind",
                "swap",
                "--in",
                x,
                "--out",
                dir.resolve("y.npy").toString(),
                "--png",
                pngs.toString(),
                "--png-scale",
                "2")
            .exitCode());
    BufferedImage img = ImageIO.read(pngs.resolve("swap-000.png").toFile());
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
    assertEquals(128, img.getRaster().getSample(0, 0, 0)); // round(0.5 * 255)
    assertEquals(255, img.getRaster().getSample(2, 0, 0));
  }

  @Test
  void badInputsGetOneLineErrorsAndNoOutput() throws IOException {
    Path out = dir.resolve("y.npy");
    Path ints = dir.resolve("ints.npy");
    Npy.writeLongs(ints, new long[] {1, 2, 2}, new long[] {0, 1, 2, 3});
    CliTestSupport.Run r =
        ak("perturb", "--kind", "zoom", "--in", ints.toString(), "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(
        r.err()
            .startsWith("ak: error: " + ints + ": expected float32 (or float64) pixels, got <i8"),
        r.err());

    String nan = in("nan.npy", new long[] {1, 2, 2}, new float[] {0, Float.NaN, 0, 0});
    r = ak("perturb", "--kind", "zoom", "--in", nan, "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("pixel (image 0, row 0, column 1, channel 0) is NaN"), r.err());

    String flat = in("flat.npy", new long[] {4}, new float[4]);
    r = ak("perturb", "--kind", "swap", "--in", flat, "--out", out.toString());
    assertEquals(1, r.exitCode());
    assertTrue(
        r.err().contains("expected images of shape (N, H, W, C) or (N, H, W), got shape (4,)"),
        r.err());

    String twoChannels = in("two.npy", new long[] {1, 2, 2, 2}, new float[8]);
    r =
        ak(
            "perturb",
            "--kind",
            "swap",
            "--in",
            twoChannels,
            "--out",
            out.toString(),
            "--png",
            dir.resolve("p").toString());
    assertEquals(1, r.exitCode());
    assertTrue(
        r.err().contains("--png draws 1 channel (grey) or 3 (RGB), the images have 2"), r.err());

    assertEquals(1, r.err().lines().count(), r.err());
    assertFalse(Files.exists(out));
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void optionsOfAnotherKindAreUsageErrors() {
    String x = in("x.npy", new long[] {1, 2, 2}, new float[4]);
    String out = dir.resolve("y.npy").toString();
    CliTestSupport.Run r = ak("perturb", "--kind", "zoom", "--angle", "1", "--in", x, "--out", out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--angle applies to --kind rotate, not zoom"), r.err());
    r = ak("perturb", "--kind", "zoom", "--fraction", "1.5", "--in", x, "--out", out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--fraction is 1.5, expected a number in (0, 1]"), r.err());
    assertEquals(2, ak("perturb", "--kind", "blur", "--in", x, "--out", out).exitCode());
    assertFalse(Files.exists(dir.resolve("y.npy")));
  }
}
