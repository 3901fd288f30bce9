package io.quantlens.ui.table;

import io.quantlens.eval.EvalResult;
import io.quantlens.eval.LayerSensitivity;
import io.quantlens.ui.text.Messages;
import io.quantlens.ui.text.Numbers;
import java.util.Locale;

/** A measured result in a few characters: accuracy change, top-1 agreement, cosine or SQNR. */
public final class SensitivityText {
  private SensitivityText() {}

  public static String of(LayerSensitivity s, Messages messages) {
    return result(s.result(), messages);
  }

  public static String result(EvalResult r, Messages messages) {
    return switch (r.task().kind()) {
      case CLASSIFIER ->
          r.hasLabels()
              ? messages.get(
                  "sensitivity.points",
                  String.format(Locale.ROOT, "%+.2f", 0.0 - r.accuracyDropPoints()))
              : messages.get("sensitivity.agreement", Numbers.percent(r.top1Agreement()));
      case EMBEDDING ->
          messages.get("sensitivity.cosine", String.format(Locale.ROOT, "%.4f", r.meanCosine()));
      case TENSOR -> Numbers.db(r.outputSqnrDb());
    };
  }
}
