package org.afterkernel.plot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * Something that tells plotted values apart: a field of the result line ({@link ResultField}) or
 * an aspect of the measure plotted ({@link #QUANTITY}, {@link #KERNEL}). Panels and series are the
 * groups of values that share the facets of their dimensions.
 */
interface Dimension {
  /** The dimension's name, e.g. {@code architecture}. */
  String name();

  /** The facet of the value of {@code measure} in {@code line}. */
  Facet facet(ObjectNode line, MeasureName measure);

  /** Settings keys this dimension accounts for, so that they do not also become facets. */
  Set<String> absorbs();

  /** The quantity measured: "SVM", "NN", "swap", "alignment"... */
  Dimension QUANTITY = new Dimension() {
    private final List<String> order = List.of("SVM", "NN", "NN (logit > 0)", "SVM margin", "translation", "zoom",
        "rotation", "swap", "alignment", "effective rank", "kernel-target alignment", "training loss");

    @Override
    public String name() {
      return "measure";
    }

    @Override
    public Facet facet(ObjectNode line, MeasureName measure) {
      int i = order.indexOf(measure.quantity());
      return new Facet(name(), measure.quantity(), i < 0 ? order.size() : i, false);
    }

    @Override
    public Set<String> absorbs() {
      return Set.of();
    }
  };

  /** The kernel a measure was taken on: the after kernel, or the NTK (drawn as a variant). */
  Dimension KERNEL = new Dimension() {
    @Override
    public String name() {
      return "kernel";
    }

    @Override
    public Facet facet(ObjectNode line, MeasureName measure) {
      return new Facet(name(), measure.kernel(), "NTK".equals(measure.kernel()) ? 1 : 0, true);
    }

    @Override
    public Set<String> absorbs() {
      return Set.of();
    }
  };
}
