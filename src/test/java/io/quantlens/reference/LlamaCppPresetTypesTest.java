package io.quantlens.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufReader;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.reference.LlamaCpp.FileType;
import io.quantlens.samples.synthetic.LlmArchitecture;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every llama.cpp preset QuantLens has, llama.cpp's own quantizer ({@code
 * llama_model_quantize}, default parameters) gives every tensor of an F16 file from {@code
 * generate} the type the preset plans for it (docs/llama-cpp-files.md#quantization-presets).
 *
 * <p>The shapes are small but exercise the rules: 16 and 9 blocks put the layer thresholds of
 * {@code use_more_bits} at different blocks; a width of 160 and MLP widths of 288 and 320 are
 * multiples of 32 but not of 256, so k-quant types fall back to 32-weight blocks (and the output
 * matrix goes to q8_0); Phi-3 shapes have fused {@code attn_qkv}, counted as {@code attn_v}, and a
 * double-width {@code ffn_up}; a tied embedding is quantized like the output.
 */
class LlamaCppPresetTypesTest {
  static final List<LlmShape> SHAPES =
      List.of(
          LlmShape.llama("llama-16", 512, 256, 288, 16, 4, 1, 256),
          LlmShape.llama("llama-narrow", 300, 160, 256, 9, 5, 5, 256),
          new LlmShape(
              "phi3-16",
              LlmArchitecture.PHI3,
              512,
              256,
              320,
              16,
              8,
              2,
              256,
              false,
              32,
              1e4f,
              1e-5f),
          new LlmShape(
              "phi3-tied",
              LlmArchitecture.PHI3,
              600,
              256,
              256,
              10,
              8,
              2,
              256,
              true,
              24,
              1e4f,
              1e-5f));

  /** The llama.cpp file type each llama.cpp preset imitates. */
  static final Map<FileType, String> PRESETS =
      Map.of(
          FileType.Q8_0,
          "llama-q8_0",
          FileType.Q4_0,
          "llama-q4_0",
          FileType.Q4_K_M,
          "llama-q4_k_m");

  private static LlamaCpp llamaCpp;

  @TempDir Path dir;

  @BeforeAll
  static void loadLlamaCpp() {
    llamaCpp = LlamaCpp.load();
  }

  static List<Arguments> shapesAndPresets() {
    List<Arguments> cases = new ArrayList<>();
    for (LlmShape shape : SHAPES) {
      for (FileType type : List.of(FileType.Q8_0, FileType.Q4_0, FileType.Q4_K_M)) {
        cases.add(Arguments.of(shape, type));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("shapesAndPresets")
  void llamaCppPicksThePresetsTypes(LlmShape shape, FileType type) throws Exception {
    Path f16 = dir.resolve(shape.id() + "-f16.gguf");
    SyntheticModels.writeGguf(shape, GgmlType.F16, 11, f16, n -> {});
    Path quantized = dir.resolve(shape.id() + "-" + type + ".gguf");
    llamaCpp.quantize(f16, quantized, type);

    Model original = new GgufReader().read(f16);
    PrecisionPlan plan = PlanPresets.byId(PRESETS.get(type)).orElseThrow().planFor(original);
    Map<String, String> planned = new LinkedHashMap<>();
    for (Layer layer : original.layers()) {
      planned.put(layer.name(), plan.schemeFor(layer.name()).id());
    }
    Map<String, String> picked = new LinkedHashMap<>();
    for (Layer layer : new GgufReader().read(quantized).layers()) {
      picked.put(layer.name(), schemeId(layer.weight().dtype()));
    }

    assertEquals(planned, picked);
    if (type == FileType.Q4_K_M) {
      assertTrue(picked.containsValue("q6_k") || picked.containsValue("q8_0"), picked.toString());
    }
  }

  /** The scheme id QuantLens gives a stored ggml type. */
  private static String schemeId(DType type) {
    return switch (type) {
      case FLOAT16 -> "fp16";
      case FLOAT32 -> "fp32";
      default -> type.name().toLowerCase(Locale.ROOT);
    };
  }
}
