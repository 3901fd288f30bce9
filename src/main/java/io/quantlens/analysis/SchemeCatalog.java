package io.quantlens.analysis;

import io.quantlens.quant.Scheme;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The schemes the toolchains QuantLens reproduces use, one group per toolchain in the order the
 * scheme menus list them: llama.cpp, NNCF, MLX and ONNX Runtime.
 */
public record SchemeCatalog(List<Group> groups) {
  /** A toolchain's schemes; {@code id} names the group (the window words it), e.g. {@code mlx}. */
  public record Group(String id, List<Scheme> schemes) {
    public Group {
      schemes = List.copyOf(schemes);
    }
  }

  public SchemeCatalog {
    groups = List.copyOf(groups);
  }

  /** The groups built from the preset classes' own schemes. */
  public static SchemeCatalog toolchains() {
    return new SchemeCatalog(
        List.of(
            new Group("llamacpp", llamaCpp()),
            new Group("nncf", List.of(NncfPresets.INT8_ASYM, NncfPresets.INT4_SYM)),
            new Group("mlx", MlxPresets.schemes()),
            new Group(
                "ort",
                List.of(
                    OrtPresets.GENAI_SCHEME,
                    OrtPresets.QUANTIZER_SCHEME,
                    PlanPresets.INT8_CHANNEL,
                    PlanPresets.INT8_TENSOR_ASYM))));
  }

  /** Every scheme of every group, each once. */
  public List<Scheme> all() {
    Set<Scheme> all = new LinkedHashSet<>();
    groups.forEach(g -> all.addAll(g.schemes()));
    return List.copyOf(all);
  }

  /**
   * The file types' default ggml types, the q6_k llama.cpp keeps for the output and the sensitive
   * layers, and the 32-block types a row that 256 does not divide falls back to.
   */
  private static List<Scheme> llamaCpp() {
    Set<String> types = new LinkedHashSet<>();
    for (LlamaCppRules.FileType type : LlamaCppRules.FileType.values()) {
      types.add(type.defaultType);
    }
    types.add("q6_k");
    for (String type : new ArrayList<>(types)) {
      types.add(LlamaCppRules.fallback(type, 32));
    }
    types.remove(null);
    List<Scheme> schemes = new ArrayList<>();
    types.forEach(t -> schemes.add(LlamaCppPresets.ggmlScheme(t)));
    return schemes;
  }
}
