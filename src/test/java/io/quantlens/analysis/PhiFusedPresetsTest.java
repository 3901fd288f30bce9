package io.quantlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Model;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ONNX Runtime GenAI, NNCF and MLX presets treat Phi-3's fused projections as the matrices they
 * are: qkv_proj and gate_up_proj get the scheme the preset gives the block's other projections
 * (llama.cpp's rules for them are LlamaCppPresetTypesTest's, against llama.cpp).
 */
class PhiFusedPresetsTest {
  @TempDir static Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "int4",
        "int4-g128-asym",
        "nncf-int4-sym",
        "nncf-int8-asym",
        "mlx-4bit",
        "mlx-8bit"
      })
  void fusedProjectionsGetTheBlocksScheme(String presetId) throws Exception {
    Path file = dir.resolve("phi3-tiny.safetensors");
    if (!file.toFile().exists()) {
      SyntheticModels.writeSafetensors(
          LlmShape.byId("phi3-tiny"), SyntheticModels.SafetensorsType.F16, 1, 1, file, n -> {});
    }
    Model model = ModelFiles.open(file);
    PrecisionPlan plan = PlanPresets.byId(presetId).orElseThrow().planFor(model);
    for (int b = 0; b < 2; b++) {
      String p = "model.layers." + b + ".";
      String output = plan.schemeFor(p + "self_attn.o_proj").id();
      assertEquals(output, plan.schemeFor(p + "self_attn.qkv_proj").id(), presetId + " qkv_proj");
      assertEquals(output, plan.schemeFor(p + "mlp.gate_up_proj").id(), presetId + " gate_up_proj");
      assertEquals(output, plan.schemeFor(p + "mlp.down_proj").id(), presetId + " down_proj");
    }
  }
}
