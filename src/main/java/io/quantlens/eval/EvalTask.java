package io.quantlens.eval;

import io.quantlens.model.InputDims;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ValueInfo;
import java.util.Locale;
import java.util.Optional;

/**
 * What is compared between the FP32 and the quantized run: one model output, read as class scores,
 * as token states mean-pooled into a sentence embedding, or as a plain tensor.
 *
 * @param output the model output compared
 * @param kind how each sample's output is read
 * @param maskInput for {@link Kind#EMBEDDING}: the input whose non-zero entries mark real tokens
 */
public record EvalTask(String output, Kind kind, String maskInput) {

  /** How a sample's output becomes the vector that is compared. */
  public enum Kind {
    /** {@code [N, classes]} scores or probabilities: top-1, KL divergence, accuracy. */
    CLASSIFIER("class scores"),
    /** {@code [N, tokens, width]} states mean-pooled over the mask: cosine, nearest neighbour. */
    EMBEDDING("mean-pooled sentence embedding"),
    /** Anything else, flattened per sample: output SQNR and cosine. */
    TENSOR("output tensor");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The task for {@code outputName}, or for the first output when it is {@code null}. */
  public static EvalTask detect(Model model, String outputName) throws ModelFormatException {
    if (model.outputs().isEmpty()) {
      throw new ModelFormatException(model.source(), "the model has no outputs to compare");
    }
    ValueInfo output = model.outputs().get(0);
    if (outputName != null) {
      output =
          model.outputs().stream()
              .filter(o -> o.name().equals(outputName))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ModelFormatException(
                          model.source(),
                          "no output named '"
                              + outputName
                              + "' (outputs: "
                              + String.join(
                                  ", ", model.outputs().stream().map(ValueInfo::name).toList())
                              + ")"));
    }
    int rank = output.dims().size();
    Optional<String> mask = maskInput(model);
    if (rank == 3 && mask.isPresent()) {
      return new EvalTask(output.name(), Kind.EMBEDDING, mask.get());
    }
    if (rank == 2) {
      Long classes = InputDims.fixed(output.dims().get(1));
      if (classes == null || classes >= 2) {
        return new EvalTask(output.name(), Kind.CLASSIFIER, null);
      }
    }
    return new EvalTask(output.name(), Kind.TENSOR, null);
  }

  private static Optional<String> maskInput(Model model) {
    return model.inputs().stream()
        .map(ValueInfo::name)
        .filter(n -> n.toLowerCase(Locale.ROOT).contains("attention_mask"))
        .findFirst();
  }

  public String describe() {
    return "output '"
        + output
        + "' as "
        + kind.label()
        + (maskInput == null ? "" : " (mask '" + maskInput + "')");
  }
}
