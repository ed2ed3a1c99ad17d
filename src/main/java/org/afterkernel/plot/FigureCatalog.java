package org.afterkernel.plot;

import java.util.List;
import java.util.Locale;
import org.afterkernel.AkException;

/**
 * The paper's sixteen figures, from its captions and Results section: each figure's x axis,
 * measures and panels. Series are data-driven: everything that tells cells of a panel apart (the
 * quantity, the kernel, the architecture, the task and any other setting of the sweep but x)
 * becomes a series. The NTK is the after kernel at 0 epochs, so figures against epochs show it as
 * their first point; figures against the learning rate (no epoch 0) draw it as a dashed baseline.
 */
public final class FigureCatalog {
  /** The highest figure number. */
  public static final int FIGURES = 16;

  private static final List<String> INVARIANCES = List.of("ak_translation", "ak_zoom", "ak_rotation");
  private static final List<String> NTK_INVARIANCES = List.of("ntk_translation", "ntk_zoom", "ntk_rotation");
  private static final List<String> ERRORS = List.of("linear_error", "nn_error");
  /**
   * Figures 7 and 13: the after kernel's SVM and the conjugate kernel's, measured in the same cell
   * ({@code conjugate-svm}) or in cells of their own ({@code use-conjugate-kernel}, whose {@code
   * linear_error} is the conjugate kernel's and which the series' settings tell apart).
   */
  private static final List<String> CONJUGATE_ERRORS = List.of("linear_error", "conjugate_linear_error");
  private static final ResultField LEARNING_RATE = ResultField.config("learning-rate");

  private FigureCatalog() {}

  /** The spec of figure {@code n} (1–16). */
  public static PlotSpec spec(int n) {
    ResultField e = ResultField.EPOCHS;
    ResultField lr = LEARNING_RATE;
    List<Dimension> archTask = List.of(ResultField.ARCHITECTURE, ResultField.TASK);
    List<Dimension> archData = List.of(ResultField.ARCHITECTURE, ResultField.DATASET);
    List<Dimension> data = List.of(ResultField.DATASET);
    List<Dimension> dataQuantity = List.of(ResultField.DATASET, Dimension.QUANTITY);
    return switch (n) {
      case 1 -> spec(1, "svm-error-vs-epochs", "test error of the SVM on the after kernel vs epochs", e,
          List.of("linear_error"), List.of(), data);
      case 2 -> spec(2, "svm-and-nn-error-vs-epochs", "test error of the after-kernel SVM and of the network vs epochs",
          e, ERRORS, List.of(), archTask);
      case 3 -> spec(3, "svm-and-nn-error-early", "test error of the after-kernel SVM and of the network, early epochs",
          e, ERRORS, List.of(), archTask);
      case 4 -> spec(4, "swap-invariance-vs-epochs", "swap invariance of the after kernel vs epochs", e,
          List.of("ak_swap"), List.of(), archData);
      case 5 -> spec(5, "invariance-vs-epochs", "translation, zoom and rotation invariance vs epochs", e, INVARIANCES,
          List.of(), archData);
      case 6 -> spec(6, "alignment-vs-epochs", "alignment of the after kernel with its conjugate projection vs epochs",
          e, List.of("ak_alignment"), List.of(), List.of(ResultField.FAMILY, ResultField.DATASET));
      case 7 -> spec(7, "svm-error-after-vs-conjugate-kernel",
          "test error of SVMs on the after kernel and on the conjugate kernel vs epochs", e, CONJUGATE_ERRORS,
          List.of(), archTask);
      case 8 -> spec(8, "invariance-with-augmentation",
          "invariance with and without data augmentation vs epochs (one panel per invariance)", e, INVARIANCES,
          List.of(), List.of(ResultField.ARCHITECTURE, ResultField.DATASET, Dimension.QUANTITY));
      case 9 -> spec(9, "svm-and-nn-error-vs-learning-rate",
          "test error of the after-kernel SVM and of the network vs the learning rate", lr, ERRORS, List.of(), archTask);
      case 10 -> spec(10, "swap-invariance-vs-learning-rate", "swap invariance vs the learning rate (dashed: the NTK)",
          lr, List.of("ak_swap"), List.of("ntk_swap"), data);
      case 11 -> spec(11, "invariance-vs-learning-rate",
          "translation, zoom and rotation invariance vs the learning rate (dashed: the NTK)", lr, INVARIANCES,
          NTK_INVARIANCES, dataQuantity);
      case 12 -> spec(12, "alignment-vs-learning-rate",
          "alignment with the conjugate kernel vs the learning rate (dashed: the NTK)", lr, List.of("ak_alignment"),
          List.of("ntk_alignment"), data);
      case 13 -> spec(13, "svm-error-after-vs-conjugate-vs-learning-rate",
          "test error of SVMs on the after kernel and on the conjugate kernel vs the learning rate", lr,
          CONJUGATE_ERRORS, List.of(), archTask);
      case 14 -> spec(14, "invariance-vs-learning-rate-with-augmentation",
          "invariance vs the learning rate, with and without augmentation", lr, INVARIANCES, List.of(), dataQuantity);
      case 15 -> spec(15, "nn-error-vs-width", "test error of the network vs its number of parameters",
          ResultField.PARAMETERS, List.of("nn_error"), List.of(), data);
      case 16 -> spec(16, "augmentation-improves-accuracy",
          "test error of the after-kernel SVM and of the network with and without augmentation", e, ERRORS, List.of(),
          archData);
      default -> throw new AkException("--figure is " + n + ", expected 1 to " + FIGURES);
    };
  }

  private static PlotSpec spec(int n, String slug, String what, ResultField x, List<String> measures,
      List<String> baselines, List<Dimension> panels) {
    String name = String.format(Locale.ROOT, "fig%02d", n);
    String title = "Figure " + n + ": " + what;
    return new PlotSpec(name, n, title, x, null, measures, baselines, panels, null,
        measures.stream().allMatch(m -> m.endsWith("error")) ? "test error" : "invariance (mean cosine)",
        "configs/" + name + "-" + slug + ".json");
  }
}
