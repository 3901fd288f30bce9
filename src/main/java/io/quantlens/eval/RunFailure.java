package io.quantlens.eval;

import io.quantlens.model.InputDims;
import io.quantlens.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Words an ONNX Runtime failure as one line: the model file, what failed and what to try. */
final class RunFailure {
  private RunFailure() {}

  static EvalException of(Model model, EvalData data, CallBatch batch, Exception cause) {
    String message =
        String.format(
            "%s: ONNX Runtime cannot run the model on %s, %s: %s; %s",
            model.source(),
            data.describe(),
            batch.describe(),
            firstLine(cause),
            "try " + String.join(" or ", hints(model, data, batch)));
    return new EvalException(message, cause);
  }

  private static List<String> hints(Model model, EvalData data, CallBatch batch) {
    List<String> hints = new ArrayList<>();
    if (!batch.fixed() && batch.size() > 1) {
      hints.add("--batch 1");
    }
    if (data.origin() == DataOrigin.GENERATED) {
      Set<String> symbolic = InputDims.symbolic(model.inputs());
      if (!symbolic.isEmpty()) {
        hints.add("--dim NAME=VALUE for " + String.join(", ", symbolic));
      }
      hints.add("--data DIR with one .npy per input (see README, evaluation data)");
    } else {
      hints.add("checking the arrays in " + data.location() + " against the model's inputs");
    }
    return hints;
  }

  private static String firstLine(Throwable e) {
    String text = e.getMessage() == null ? e.toString() : e.getMessage();
    String line = text.strip().lines().findFirst().orElse(text);
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
