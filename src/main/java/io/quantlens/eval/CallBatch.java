package io.quantlens.eval;

import io.quantlens.model.Model;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How many samples go into one ONNX Runtime call, and why: the model's fixed batch when it has one,
 * else the size asked for, else {@value EvalOptions#DEFAULT_BATCH}.
 *
 * @param size samples per call
 * @param fixed whether the model fixes it
 * @param reason where the size comes from, e.g. {@code fixed by input 'x' [1, 3, 224, 224]}
 */
public record CallBatch(int size, boolean fixed, String reason) {
  public CallBatch {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + size);
    }
  }

  /**
   * The batch for {@code data} on {@code model}.
   *
   * @throws EvalException when {@code requested} contradicts the model's fixed batch, or the
   *     samples cannot be cut into the model's batches
   */
  public static CallBatch choose(Model model, EvalData data, OptionalInt requested)
      throws EvalException {
    Optional<BatchAxis.Fixed> fixed = BatchAxis.fixedBy(model, data.wholeInputs());
    if (fixed.isPresent()) {
      long size = fixed.get().size();
      if (requested.isPresent() && requested.getAsInt() != size) {
        throw new EvalException(
            String.format(
                "%s: --batch %d contradicts %s, which takes %d sample%s per call;"
                    + " leave --batch out or use --batch %d",
                model.source(),
                requested.getAsInt(),
                fixed.get().describe(),
                size,
                size == 1 ? "" : "s",
                size));
      }
      if (size > Integer.MAX_VALUE || data.samples() % size != 0) {
        throw new EvalException(
            String.format(
                "%s: %d samples cannot be cut into the batches of %d that %s fixes;"
                    + " give a multiple of %d samples",
                model.source(), data.samples(), size, fixed.get().describe(), size));
      }
      return new CallBatch((int) size, true, "fixed by " + fixed.get().describe());
    }
    if (requested.isPresent()) {
      return new CallBatch(requested.getAsInt(), false, "as asked");
    }
    return new CallBatch(
        Math.min(EvalOptions.DEFAULT_BATCH, data.samples()), false, "default, --batch N to change");
  }

  /** E.g. {@code 1 sample per ONNX Runtime call (fixed by input 'x' [1, 3, 224, 224])}. */
  public String describe() {
    return size + " sample" + (size == 1 ? "" : "s") + " per ONNX Runtime call (" + reason + ")";
  }
}
