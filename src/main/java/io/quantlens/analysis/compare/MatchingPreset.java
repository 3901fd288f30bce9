package io.quantlens.analysis.compare;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The preset that imitates the toolchain which wrote an artifact, when the artifact says enough: a
 * GGUF file's {@code general.file_type} (llama.h {@code enum llama_ftype}), the MatMulNBits blocks
 * of an ONNX Runtime file, the affine groups of an MLX file.
 */
public final class MatchingPreset {
  /** llama_ftype values of the llama.cpp presets. */
  private static final Map<String, String> FILE_TYPES =
      Map.of("7", "llama-q8_0", "2", "llama-q4_0", "15", "llama-q4_k_m");

  /** The storage words of a quantized layer → the preset that stores layers so. */
  private static final Map<String, String> STORAGE =
      Map.of(
          "MatMulNBits 4-bit, block 32", "int4",
          "MatMulNBits 4-bit, block 128", "int4-g128-asym",
          "MLX affine 4-bit, group 64", "mlx-4bit",
          "MLX affine 8-bit, group 64", "mlx-8bit",
          "NNCF int4_sym g128", "nncf-int4-sym",
          "NNCF int8_asym per-channel", "nncf-int8-asym");

  private MatchingPreset() {}

  public static Optional<PlanPreset> of(Model artifact) {
    if (artifact.metadata().format().equals("GGUF")) {
      return Optional.ofNullable(
              FILE_TYPES.get(
                  artifact.metadata().properties().getOrDefault("general.file_type", "")))
          .flatMap(PlanPresets::byId);
    }
    // The storage that holds the most weights decides (an NNCF int4 file keeps its head in int8).
    Map<String, Long> weights = new TreeMap<>();
    for (Layer layer : artifact.layers()) {
      presetOf(layer.storage())
          .ifPresent(id -> weights.merge(id, layer.weight().elementCount(), Long::sum));
    }
    return weights.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .flatMap(e -> PlanPresets.byId(e.getKey()));
  }

  private static Optional<String> presetOf(String storage) {
    for (Map.Entry<String, String> e : STORAGE.entrySet()) {
      String key = e.getKey();
      if (storage.equals(key) || storage.startsWith(key + ",") || storage.startsWith(key + " (")) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }
}
