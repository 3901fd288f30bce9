package io.quantlens.analysis.compare;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import io.quantlens.quant.FloatFormat;
import io.quantlens.quant.GgmlFormat;
import io.quantlens.quant.Granularity;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.Scheme;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an artifact stores each layer: a short description, the bits it spends per weight, and
 * whether that is what a preset's scheme would store.
 *
 * <p>A layer's bits count its weight tensor and the tensors that belong to it by name: those named
 * after the weight (its name without {@code .weight}, {@code _quantized} or {@code _Q4}) followed
 * by {@code _scale(s)}, {@code _zero_point(s)}, {@code _zp} or MLX's {@code .scales} and {@code
 * .biases}. GGUF blocks hold their scales inside.
 */
final class StoredForms {
  private static final Pattern STEM_SUFFIX = Pattern.compile("(\\.weight|_quantized|_Q\\d+)$");
  private static final Pattern SIDE =
      Pattern.compile("(.+)[._](scale|scales|zero_point|zero_points|zp|biases)$");
  private static final Pattern BITS_AND_GROUP =
      Pattern.compile("(\\d+)-bit, (?:block|group) (\\d+)");

  /** NNCF's words in the OpenVINO reader's description: {@code NNCF int4_sym g128}. */
  private static final Pattern NNCF =
      Pattern.compile("NNCF int(\\d+)_(sym|asym) (?:g(\\d+)|(per-channel)|(per-tensor))");

  /** A reader that counts the bits itself says so: {@code 4.125 bits per weight}. */
  private static final Pattern STATED_BITS = Pattern.compile("(\\d+(?:\\.\\d+)?) bits per weight");

  private final Map<String, Long> sideBytes = new HashMap<>();

  StoredForms(Model model) {
    Set<String> layerTensors = new HashSet<>();
    for (Layer layer : model.layers()) {
      layerTensors.add(layer.weight().name());
      if (layer.bias() != null) {
        layerTensors.add(layer.bias().name());
      }
    }
    for (Tensor t : model.initializers()) {
      Matcher m = SIDE.matcher(t.name());
      if (!layerTensors.contains(t.name()) && m.matches()) {
        sideBytes.merge(m.group(1), t.storedBytes(), Long::sum);
      }
    }
  }

  /** The stored form as the reader describes it, or the stored type's name. */
  static String label(Layer layer) {
    return layer.storage().isEmpty()
        ? layer.weight().dtype().name().toLowerCase(Locale.ROOT)
        : layer.storage();
  }

  /** Bits per weight: the weight's stored bytes and its scales' and zero points'. */
  double bitsPerWeight(Layer layer) {
    Matcher stated = STATED_BITS.matcher(layer.storage());
    if (stated.find()) {
      return Double.parseDouble(stated.group(1));
    }
    Tensor w = layer.weight();
    String name = w.name();
    String stem = STEM_SUFFIX.matcher(name).replaceFirst("");
    long side = sideBytes.getOrDefault(stem, 0L);
    if (!stem.equals(name)) {
      side += sideBytes.getOrDefault(name, 0L);
    }
    return 8.0 * (w.storedBytes() + side) / w.elementCount();
  }

  /**
   * Whether {@code scheme} stores what the artifact stores, when both can be told: ggml types by
   * name, floats by type, integer groups by bits and group size; empty when the artifact's form is
   * not one of those.
   */
  static Optional<Boolean> agrees(Scheme scheme, Layer layer) {
    DType stored = layer.weight().dtype();
    if (stored.isBlock()) {
      return Optional.of(
          scheme.format() instanceof GgmlFormat g
              && g.id().equals(stored.name().toLowerCase(Locale.ROOT)));
    }
    Optional<FloatFormat> storedFloat = floatOf(stored);
    if (storedFloat.isPresent() && layer.storage().isEmpty()) {
      return Optional.of(scheme.format() == storedFloat.get());
    }
    Matcher nncf = NNCF.matcher(layer.storage());
    if (nncf.find()) {
      return Optional.of(nncf(scheme, nncf));
    }
    Matcher m = BITS_AND_GROUP.matcher(layer.storage());
    if (m.find()) {
      int bits = Integer.parseInt(m.group(1));
      int group = Integer.parseInt(m.group(2));
      Granularity g = scheme.granularity();
      return Optional.of(
          scheme.format() instanceof IntFormat i
              && i.bits() == bits
              && g.kind() == Granularity.Kind.GROUP
              && g.groupSize() == group);
    }
    int bits = intBits(stored);
    Granularity.Kind kind =
        layer.storage().contains("per channel")
            ? Granularity.Kind.CHANNEL
            : layer.storage().contains("per tensor") ? Granularity.Kind.TENSOR : null;
    if (bits > 0 && kind != null) {
      return Optional.of(
          scheme.format() instanceof IntFormat i
              && i.bits() == bits
              && scheme.granularity().kind() == kind);
    }
    return Optional.empty();
  }

  private static boolean nncf(Scheme scheme, Matcher m) {
    Granularity g = scheme.granularity();
    boolean granularity =
        m.group(3) != null
            ? g.kind() == Granularity.Kind.GROUP && g.groupSize() == Integer.parseInt(m.group(3))
            : g.kind() == (m.group(4) != null ? Granularity.Kind.CHANNEL : Granularity.Kind.TENSOR);
    return scheme.format() instanceof IntFormat i
        && i.bits() == Integer.parseInt(m.group(1))
        && scheme.symmetry().id().equals(m.group(2))
        && granularity;
  }

  private static int intBits(DType type) {
    return switch (type) {
      case INT8, UINT8 -> 8;
      case INT4, UINT4 -> 4;
      default -> 0;
    };
  }

  private static Optional<FloatFormat> floatOf(DType type) {
    return switch (type) {
      case FLOAT32 -> Optional.of(FloatFormat.FP32);
      case FLOAT16 -> Optional.of(FloatFormat.FP16);
      case BFLOAT16 -> Optional.of(FloatFormat.BF16);
      default -> Optional.empty();
    };
  }
}
