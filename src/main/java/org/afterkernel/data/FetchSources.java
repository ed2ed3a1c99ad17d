package org.afterkernel.data;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;

/**
 * Where {@code ak data fetch} downloads from: base URLs tried in order, to which the file name is
 * appended. Defaults: MNIST from the mirror Keras and tensorflow-datasets use, with a second
 * mirror as fallback (the original home, yann.lecun.com, is unreliable); CIFAR-10 from its home
 * page. The environment variables {@code AK_MNIST_URL} and {@code AK_CIFAR10_URL} replace them
 * (comma-separated base URLs), e.g. to use a local mirror.
 *
 * @param mnist base URLs of the four MNIST files
 * @param cifar10 base URLs of {@code cifar-10-binary.tar.gz}
 */
public record FetchSources(List<URI> mnist, List<URI> cifar10) {
  /** Environment variable replacing the MNIST base URLs. */
  public static final String MNIST_ENV = "AK_MNIST_URL";
  /** Environment variable replacing the CIFAR-10 base URLs. */
  public static final String CIFAR10_ENV = "AK_CIFAR10_URL";

  /** The public homes. */
  public static final FetchSources DEFAULT =
      new FetchSources(
          List.of(
              URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
              URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/")),
          List.of(URI.create("https://www.cs.toronto.edu/~kriz/")));

  public FetchSources {
    mnist = List.copyOf(mnist);
    cifar10 = List.copyOf(cifar10);
  }

  /** The defaults, with {@code AK_MNIST_URL} / {@code AK_CIFAR10_URL} applied when set. */
  public static FetchSources fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static FetchSources fromEnvironment(Map<String, String> env) {
    return new FetchSources(
        bases(env, MNIST_ENV, DEFAULT.mnist), bases(env, CIFAR10_ENV, DEFAULT.cifar10));
  }

  /** The base URLs of {@code dataset}. */
  public List<URI> of(Dataset dataset) {
    return dataset == Dataset.MNIST ? mnist : cifar10;
  }

  /** {@code base} followed by {@code fileName}. */
  static URI url(URI base, String fileName) {
    return base.resolve(fileName);
  }

  private static List<URI> bases(Map<String, String> env, String var, List<URI> fallback) {
    String value = env.get(var);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    List<URI> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String s = part.trim();
      if (s.isEmpty()) {
        continue;
      }
      try {
        URI u = new URI(s.endsWith("/") ? s : s + "/");
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
          throw new URISyntaxException(s, "not an http(s) URL");
        }
        out.add(u);
      } catch (URISyntaxException e) {
        throw new AkException(
            var + ": '" + s + "' is not an http(s) base URL (expected e.g. https://host/path/)");
      }
    }
    if (out.isEmpty()) {
      throw new AkException(var + ": '" + value + "' holds no URL");
    }
    return out;
  }
}
