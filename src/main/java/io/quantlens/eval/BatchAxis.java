package io.quantlens.eval;

import io.quantlens.model.InputDims;
import io.quantlens.model.Model;
import io.quantlens.model.ValueInfo;
import java.util.Optional;
import java.util.Set;

/**
 * Which inputs hold samples along their first axis, and the batch size a model fixes there. The
 * model's first input of rank one or more sets the batch axis: another input carries samples when
 * its first dimension is symbolic or the same as that input's; a scalar, or a first axis of another
 * fixed size (a recurrent state {@code [2, N, 128]}), is not a batch axis.
 */
final class BatchAxis {
  private BatchAxis() {}

  /**
   * The batch size an input that carries samples fixes.
   *
   * @param input the input whose first dimension is a number
   * @param size that number
   */
  record Fixed(ValueInfo input, long size) {
    String describe() {
      return "input '" + input.name() + "' " + input.shapeText();
    }
  }

  /** Whether generated data for {@code input} should hold samples along its first axis. */
  static boolean carriesSamples(Model model, ValueInfo input) {
    if (input.dims().isEmpty()) {
      return false;
    }
    Long first = InputDims.fixed(input.dims().get(0));
    if (first == null) {
      return true;
    }
    return model.inputs().stream()
        .filter(i -> !i.dims().isEmpty())
        .findFirst()
        .map(primary -> first.equals(InputDims.fixed(primary.dims().get(0))))
        .orElse(true);
  }

  /** The fixed first dimension of the first input that carries samples and has one. */
  static Optional<Fixed> fixedBy(Model model, Set<String> wholeInputs) {
    for (ValueInfo input : model.inputs()) {
      if (input.dims().isEmpty() || wholeInputs.contains(input.name())) {
        continue;
      }
      Long size = InputDims.fixed(input.dims().get(0));
      if (size != null) {
        return Optional.of(new Fixed(input, size));
      }
    }
    return Optional.empty();
  }
}
