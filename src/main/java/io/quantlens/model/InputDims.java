package io.quantlens.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sizes for the symbolic dimensions of a model's inputs: a value the user set by name, else a
 * default that follows from the dimension's name (sequence length, image side). Estimating costs
 * and running the model with generated inputs both size inputs this way, so a model runs at the
 * same shapes in both.
 *
 * @param values user-set values of symbolic dimensions, by name (see {@link #key})
 */
public record InputDims(Map<String, Long> values) {
  /** Default sequence length: BERT-style models are usually benchmarked at 128 tokens. */
  public static final long DEFAULT_SEQUENCE = 128;

  /** Default image side: the ImageNet crop. */
  public static final long DEFAULT_IMAGE_SIDE = 224;

  /** The name under which a token input's second axis is set when its own name says nothing. */
  public static final String SEQUENCE = "sequence";

  /** The name of every input's first axis, which is set as the batch size. */
  public static final String BATCH = "batch";

  /** Where an axis's size came from, as shown to the user. */
  public static final String FIXED = "fixed";

  private static final Set<String> TOKEN_INPUTS =
      Set.of("input_ids", "attention_mask", "token_type_ids", "position_ids");

  public InputDims {
    values = Map.copyOf(values);
    values.forEach(
        (name, value) -> {
          if (value == null || value < 1) {
            throw new IllegalArgumentException(
                "dimension '" + name + "' must be at least 1, got " + value);
          }
        });
  }

  /** Every symbolic dimension at its default. */
  public static InputDims defaults() {
    return new InputDims(Map.of());
  }

  /**
   * One axis's size and its origin.
   *
   * @param key the name it is set by
   * @param value the size
   * @param source {@value #FIXED}, {@code batch}, {@code user-set} or which default
   */
  public record Choice(String key, long value, String source) {
    public boolean fixed() {
      return source.equals(FIXED);
    }
  }

  /** The size of {@code input}'s {@code axis}; a symbolic first axis is {@code batch}. */
  public Choice choose(ValueInfo input, int axis, long batch) {
    String dim = input.dims().get(axis);
    Long fixedValue = fixed(dim);
    String key = key(input, axis);
    if (fixedValue != null) {
      return new Choice(dim, fixedValue, FIXED);
    }
    if (axis == 0) {
      return new Choice(key, batch, "batch");
    }
    Long set = values.get(key);
    if (set != null) {
      return new Choice(key, set, "user-set");
    }
    if (looksLikeLength(key) || (axis == 1 && isTokenInput(input))) {
      return new Choice(key, DEFAULT_SEQUENCE, "default sequence length");
    }
    if (looksLikeImageSide(key) || isSpatialAxis(input, axis)) {
      return new Choice(key, DEFAULT_IMAGE_SIDE, "default image side");
    }
    return new Choice(key, 1, "default");
  }

  /** The concrete shape of {@code input} with {@code batch} samples on a symbolic first axis. */
  public long[] resolve(ValueInfo input, long batch) {
    long[] shape = new long[input.dims().size()];
    for (int axis = 0; axis < shape.length; axis++) {
      shape[axis] = choose(input, axis, batch).value();
    }
    return shape;
  }

  /**
   * Checks that every user-set dimension names a symbolic dimension of {@code inputs}.
   *
   * @throws IllegalArgumentException naming the unknown dimensions and the known ones
   */
  public void checkAgainst(List<ValueInfo> inputs) {
    Set<String> known = symbolic(inputs);
    Set<String> unknown = new TreeSet<>(values.keySet());
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

  /** The names a user may set for a model with these inputs. */
  public static Set<String> symbolic(List<ValueInfo> inputs) {
    Set<String> names = new TreeSet<>();
    for (ValueInfo input : inputs) {
      for (int axis = 1; axis < input.dims().size(); axis++) {
        if (fixed(input.dims().get(axis)) == null) {
          names.add(key(input, axis));
        }
      }
    }
    return names;
  }

  /**
   * The name a symbolic axis is set by: {@value #BATCH} for the first axis, {@value #SEQUENCE} for
   * the second axis of a BERT-style token input whose own name does not look like a length
   * (exporters write odd names there, e.g. MiniLM's {@code [batch, batch]}), else the dimension's
   * own name, or {@code input[axis]} when it has none.
   */
  public static String key(ValueInfo input, int axis) {
    String name = input.dims().get(axis);
    if (axis == 0) {
      return BATCH;
    }
    if (axis == 1 && isTokenInput(input) && !looksLikeLength(name)) {
      return SEQUENCE;
    }
    return name.isEmpty() || name.equals("?") ? input.name() + "[" + axis + "]" : name;
  }

  /** A dimension's size, or {@code null} when it is symbolic or unknown. */
  public static Long fixed(String dim) {
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

  /**
   * True for the height or width axis of an image batch whatever its dimension is called: a rank-4
   * input with 1, 3 or 4 channels fixed on axis 1 (NCHW) or axis 3 (NHWC).
   */
  private static boolean isSpatialAxis(ValueInfo input, int axis) {
    List<String> dims = input.dims();
    if (dims.size() != 4) {
      return false;
    }
    if (isChannelCount(dims.get(1))) {
      return axis == 2 || axis == 3;
    }
    return isChannelCount(dims.get(3)) && (axis == 1 || axis == 2);
  }

  private static boolean isChannelCount(String dim) {
    Long c = fixed(dim);
    return c != null && (c == 1 || c == 3 || c == 4);
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
