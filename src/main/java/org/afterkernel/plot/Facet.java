package org.afterkernel.plot;

/**
 * One aspect of a plotted value in words, e.g. architecture "VGG" or task "MNIST 3-vs-8". Panels
 * and series are keyed by lists of facets; legends and titles are made of their labels.
 *
 * @param dimension the dimension's name (e.g. {@code architecture}, {@code use-augmentation})
 * @param label the value in words; null when the dimension does not apply (e.g. the kernel of the
 *     NN error), and then it is left out of titles and legends
 * @param order sort position among values of the dimension (ties broken by label)
 * @param style true when the dimension is drawn by line style rather than colour (the kernel, the
 *     augmentation and the conjugate-kernel flags: a variant of the same curve)
 */
record Facet(String dimension, String label, double order, boolean style) implements Comparable<Facet> {

  @Override
  public int compareTo(Facet o) {
    int c = Double.compare(order, o.order);
    if (c != 0) {
      return c;
    }
    if (label == null || o.label == null) {
      return label == null ? (o.label == null ? 0 : -1) : 1;
    }
    return label.compareTo(o.label);
  }
}
