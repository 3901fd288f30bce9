package io.quantlens.analysis;

import io.quantlens.model.TensorNames;
import io.quantlens.model.TensorNames.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The per-tensor type choice of llama.cpp's {@code llama-quantize} for three file types, as a pure
 * function from weight names and shapes to ggml type names. Written from ggml-org/llama.cpp @
 * 007dbbf3, src/llama-quant.cpp ({@code llama_tensor_get_type}, {@code llama_tensor_get_type_impl},
 * {@code tensor_type_fallback}, {@code tensor_allows_quantization}, {@code
 * llama_ftype_get_default_type}); without an importance matrix, for a dense model that is not
 * Falcon, not 70B-class and not a mixture of experts. Phi-3's fused {@code attn_qkv} counts as an
 * {@code attn_v} ({@code category_is_attn_v}), and its double-width {@code ffn_up} has no rule of
 * its own. {@code LlamaCppPresetTypesTest} checks every choice against llama.cpp's quantizer (ggml
 * 0.25.1, commit 0ad4a86) on Llama- and Phi-3-shaped files; docs/llama-cpp-files.md cites the
 * lines.
 */
final class LlamaCppRules {

  /** The file types this class knows: {@code llama-quantize … Q8_0 | Q4_0 | Q4_K_M}. */
  enum FileType {
    Q8_0("q8_0"),
    Q4_0("q4_0"),
    Q4_K_M("q4_k");

    final String defaultType;

    FileType(String defaultType) {
      this.defaultType = defaultType;
    }
  }

  /**
   * A weight as llama.cpp sees it.
   *
   * @param name the layer name (tensor name without {@code .weight})
   * @param rank number of dimensions; llama.cpp quantizes only 2-D and 3-D tensors
   * @param rowLength weights per row, ggml's {@code ne[0]} (the reduction length)
   */
  record Weight(String name, int rank, long rowLength) {}

  /** The type llama.cpp gives a tensor llama.cpp cannot store in a block type: F16. */
  static final String F16 = "f16";

  private LlamaCppRules() {}

  /**
   * The ggml type name each quantized weight gets ({@code q4_k}, {@code q6_k}, …, or {@link #F16}),
   * in the order given. Weights llama.cpp keeps as they are (1-D, norms, routers) and weights it
   * refuses (a q4_0/q8_0 row whose length is not a multiple of 32 makes llama-quantize stop with
   * "no tensor type fallback is defined") are left out.
   */
  static Map<String, String> types(List<Weight> weights, FileType fileType) {
    boolean hasOutput = weights.stream().anyMatch(w -> TensorNames.role(w.name()) == Role.OUTPUT);
    Map<String, Integer> attentionVIndex = indexInLoaderOrder(weights, Role.ATTENTION_V);
    Map<String, Integer> ffnDownIndex = indexInLoaderOrder(weights, Role.FFN_DOWN);
    int attentionVCount = attentionVIndex.size();
    int layerCount = blockCount(weights);

    Map<String, String> types = new LinkedHashMap<>();
    for (Weight w : weights) {
      Role role = TensorNames.role(w.name());
      if (w.rank() < 2 || role == Role.KEPT) {
        continue;
      }
      String type = fileType.defaultType;
      // Tied embeddings (no output tensor): the token embedding is quantized like the output.
      if (role == Role.OUTPUT || (role == Role.TOKEN_EMBEDDING && !hasOutput)) {
        type = outputType(fileType, w.rowLength());
      } else if (fileType == FileType.Q4_K_M
          && role == Role.ATTENTION_V
          && useMoreBits(attentionVIndex.get(w.name()), attentionVCount)) {
        type = "q6_k";
      } else if (fileType == FileType.Q4_K_M
          && role == Role.FFN_DOWN
          && useMoreBits(ffnDownIndex.get(w.name()), layerCount)) {
        type = "q6_k";
      }
      String stored = fallback(type, w.rowLength());
      if (stored != null) {
        types.put(w.name(), stored);
      }
    }
    return types;
  }

  /**
   * {@code use_more_bits}: the first and last eighth of the layers, and every third layer in
   * between: i &lt; n/8 || i ≥ 7n/8 || (i − n/8) % 3 == 2, in integer arithmetic.
   */
  static boolean useMoreBits(int i, int n) {
    return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
  }

  /** output.weight: q8_0 when the row does not fit the default type's block, else q6_k. */
  private static String outputType(FileType fileType, long rowLength) {
    if (rowLength % blockSize(fileType.defaultType) != 0) {
      return "q8_0";
    }
    return fileType.defaultType.equals("q8_0") ? "q8_0" : "q6_k";
  }

  /**
   * {@code tensor_type_fallback}: a 256-block type on a row that is not a multiple of 256 falls
   * back to a 32-block type, and to F16 if even 32 does not divide the row; null when llama.cpp has
   * no fallback and stops.
   */
  static String fallback(String type, long rowLength) {
    if (rowLength % blockSize(type) == 0) {
      return type;
    }
    String smaller =
        switch (type) {
          case "q2_k", "q3_k" -> "q4_0";
          case "q4_k" -> "q5_0";
          case "q5_k" -> "q5_1";
          case "q6_k" -> "q8_0";
          default -> null;
        };
    if (smaller == null) {
      return null;
    }
    return rowLength % blockSize(smaller) == 0 ? smaller : F16;
  }

  static int blockSize(String type) {
    return type.endsWith("_k") ? 256 : 32;
  }

  /** n_layer: the number of distinct block indices. */
  private static int blockCount(List<Weight> weights) {
    return (int)
        weights.stream()
            .map(w -> TensorNames.blockIndex(w.name()))
            .filter(OptionalInt::isPresent)
            .mapToInt(OptionalInt::getAsInt)
            .distinct()
            .count();
  }

  /**
   * Each weight of {@code role} numbered in the order llama.cpp's loader visits tensors ({@code
   * weight_name_comparer}: by block index, tensors outside blocks first, then by name), which is
   * what its {@code i_attention_wv} and {@code i_ffn_down} counters count.
   */
  private static Map<String, Integer> indexInLoaderOrder(List<Weight> weights, Role role) {
    List<String> names = new ArrayList<>();
    for (Weight w : weights) {
      if (w.rank() >= 2 && TensorNames.role(w.name()) == role) {
        names.add(w.name());
      }
    }
    names.sort(
        Comparator.comparingInt((String n) -> TensorNames.blockIndex(n).orElse(-1))
            .thenComparing(Comparator.naturalOrder()));
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    return index;
  }
}
