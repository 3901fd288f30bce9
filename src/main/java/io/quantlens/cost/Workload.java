package io.quantlens.cost;

import io.quantlens.model.InputDims;
import io.quantlens.model.ValueInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The input sizes one inference runs at: a batch size and values for the model's symbolic
 * dimensions (sequence length, image size). Dimensions the user leaves out get the defaults of
 * {@link InputDims}.
 *
 * @param batch samples per inference; the first axis of every input whose first axis is not fixed
 * @param dims user-set values of symbolic dimensions, by name (see {@link #dimensionKey})
 */
public record Workload(int batch, Map<String, Long> dims) {
  /** Default sequence length: BERT-style models are usually benchmarked at 128 tokens. */
  public static final long DEFAULT_SEQUENCE = InputDims.DEFAULT_SEQUENCE;

  /** Default image side: the ImageNet crop. */
  public static final long DEFAULT_IMAGE_SIDE = InputDims.DEFAULT_IMAGE_SIDE;

  /** The name under which a token input's second axis is set when its own name says nothing. */
  public static final String SEQUENCE = InputDims.SEQUENCE;

  /** The name of every input's first axis, set by {@link #batch()}. */
  public static final String BATCH = InputDims.BATCH;

  public Workload {
    if (batch < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
    }
    dims = new InputDims(dims).values();
  }

  /** Batch 1, every symbolic dimension at its default. */
  public static Workload defaults() {
    return new Workload(1, Map.of());
  }

  /** The same dimensions at another batch size. */
  public Workload withBatch(int newBatch) {
    return new Workload(newBatch, dims);
  }

  /** The concrete shape of {@code input} under this workload. */
  public long[] resolve(ValueInfo input) {
    return inputDims().resolve(input, batch);
  }

  /**
   * Checks that every user-set dimension names a symbolic dimension of {@code inputs}.
   *
   * @throws IllegalArgumentException naming the unknown dimensions and the known ones
   */
  public void checkAgainst(List<ValueInfo> inputs) {
    inputDims().checkAgainst(inputs);
  }

  /** The names a user may set in {@link #dims} for a model with these inputs. */
  public static Set<String> symbolicDims(List<ValueInfo> inputs) {
    return InputDims.symbolic(inputs);
  }

  /** One line per input axis: its value and where the value came from. */
  public String describe(List<ValueInfo> inputs) {
    List<String> lines = new ArrayList<>();
    for (ValueInfo input : inputs) {
      for (int axis = 0; axis < input.dims().size(); axis++) {
        InputDims.Choice c = inputDims().choose(input, axis, batch);
        lines.add(
            String.format(
                Locale.ROOT,
                "%s[%d] %s = %d (%s)",
                input.name(),
                axis,
                c.key(),
                c.value(),
                c.source()));
      }
    }
    return String.join("\n", lines);
  }

  /** The user-set dimensions and defaults that apply to {@code inputs}, by name, in input order. */
  public Map<String, Long> effectiveDims(List<ValueInfo> inputs) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (ValueInfo input : inputs) {
      for (int axis = 0; axis < input.dims().size(); axis++) {
        InputDims.Choice c = inputDims().choose(input, axis, batch);
        if (!c.fixed()) {
          values.putIfAbsent(c.key(), c.value());
        }
      }
    }
    return values;
  }

  /** See {@link InputDims#key}. */
  public static String dimensionKey(ValueInfo input, int axis) {
    return InputDims.key(input, axis);
  }

  private InputDims inputDims() {
    return new InputDims(dims);
  }
}
