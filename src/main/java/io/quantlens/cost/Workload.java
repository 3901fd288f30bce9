package io.quantlens.cost;

import io.quantlens.model.ValueInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The input sizes one inference runs at: a batch size and values for the model's symbolic
 * dimensions (sequence length, image size). Dimensions the user leaves out get a default.
 *
 * @param batch samples per inference; the first axis of every input whose first axis is not fixed
 * @param dims user-set values of symbolic dimensions, by name (see {@link #dimensionKey})
 */
public record Workload(int batch, Map<String, Long> dims) {
  /** Default sequence length: BERT-style models are usually benchmarked at 128 tokens. */
  public static final long DEFAULT_SEQUENCE = 128;

  /** Default image side: the ImageNet crop. */
  public static final long DEFAULT_IMAGE_SIDE = 224;

  /** The name under which a token input's second axis is set when its own name says nothing. */
  public static final String SEQUENCE = "sequence";

  /** The name of every input's first axis, set by {@link #batch()}. */
  public static final String BATCH = "batch";

  private static final Set<String> TOKEN_INPUTS =
      Set.of("input_ids", "attention_mask", "token_type_ids", "position_ids");

  public Workload {
    if (batch < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
    }
    dims = Map.copyOf(dims);
    dims.forEach(
        (name, value) -> {
          if (value == null || value < 1) {
            throw new IllegalArgumentException(
                "dimension '" + name + "' must be at least 1, got " + value);
          }
        });
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
    long[] shape = new long[input.dims().size()];
    for (int axis = 0; axis < shape.length; axis++) {
      shape[axis] = choice(input, axis).value();
    }
    return shape;
  }

  /**
   * Checks that every user-set dimension names a symbolic dimension of {@code inputs}.
   *
   * @throws IllegalArgumentException naming the unknown dimensions and the known ones
   */
  public void checkAgainst(List<ValueInfo> inputs) {
    Set<String> known = symbolicDims(inputs);
    Set<String> unknown = new TreeSet<>(dims.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown dimension"
              + (unknown.size() == 1 ? " " : "s ")
              + String.join(", ", unknown)
              + "; the model's symbolic dimensions are "
              + (known.isEmpty() ? "none (all sizes are fixed)" : String.join(", ", known))
              + " (the batch is set on its own)");
    }
  }

  /** The names a user may set in {@link #dims} for a model with these inputs. */
  public static Set<String> symbolicDims(List<ValueInfo> inputs) {
    Set<String> names = new TreeSet<>();
    for (ValueInfo input : inputs) {
      for (int axis = 1; axis < input.dims().size(); axis++) {
        if (fixed(input.dims().get(axis)) == null) {
          names.add(dimensionKey(input, axis));
        }
      }
    }
    return names;
  }

  /** One line per input axis: its value and where the value came from. */
  public String describe(List<ValueInfo> inputs) {
    List<String> lines = new ArrayList<>();
    for (ValueInfo input : inputs) {
      for (int axis = 0; axis < input.dims().size(); axis++) {
        Choice c = choice(input, axis);
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
        Choice c = choice(input, axis);
        if (!c.source().equals("fixed")) {
          values.putIfAbsent(c.key(), c.value());
        }
      }
    }
    return values;
  }

  /**
   * The name a symbolic axis is set by: {@code batch} for the first axis, {@link #SEQUENCE} for the
   * second axis of a BERT-style token input whose own name does not look like a length (exporters
   * write odd names there, e.g. MiniLM's {@code [batch, batch]}), else the dimension's own name, or
   * {@code input[axis]} when it has none.
   */
  public static String dimensionKey(ValueInfo input, int axis) {
    String name = input.dims().get(axis);
    if (axis == 0) {
      return BATCH;
    }
    if (axis == 1 && isTokenInput(input) && !looksLikeLength(name)) {
      return SEQUENCE;
    }
    return name.isEmpty() || name.equals("?") ? input.name() + "[" + axis + "]" : name;
  }

  private Choice choice(ValueInfo input, int axis) {
    String dim = input.dims().get(axis);
    Long fixedValue = fixed(dim);
    String key = dimensionKey(input, axis);
    if (fixedValue != null) {
      return new Choice(dim, fixedValue, "fixed");
    }
    if (axis == 0) {
      return new Choice(key, batch, "batch");
    }
    Long set = dims.get(key);
    if (set != null) {
      return new Choice(key, set, "user-set");
    }
    if (looksLikeLength(key) || (axis == 1 && isTokenInput(input))) {
      return new Choice(key, DEFAULT_SEQUENCE, "default sequence length");
    }
    if (looksLikeImageSide(key)) {
      return new Choice(key, DEFAULT_IMAGE_SIDE, "default image side");
    }
    return new Choice(key, 1, "default");
  }

  private record Choice(String key, long value, String source) {}

  private static Long fixed(String dim) {
    try {
      long value = Long.parseLong(dim);
      return value > 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isTokenInput(ValueInfo input) {
    return TOKEN_INPUTS.contains(input.name().toLowerCase(Locale.ROOT));
  }

  private static boolean looksLikeLength(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("seq") || n.contains("token") || n.contains("len");
  }

  private static boolean looksLikeImageSide(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("height")
        || n.contains("width")
        || n.contains("image")
        || n.contains("img")
        || n.equals("h")
        || n.equals("w");
  }
}
