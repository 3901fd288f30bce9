package io.quantlens.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.analysis.AnalysisCache;
import io.quantlens.analysis.AnalysisProgress;
import io.quantlens.analysis.compare.LayerPairing.Match;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.openvino.IrWriter;
import io.quantlens.model.Model;
import io.quantlens.testing.CheckpointFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OpenVINO IR that NNCF compressed (int8_asym per channel, f16 arithmetic), named as OpenVINO
 * names a PyTorch export's nodes, against a checkpoint holding exactly the values it decodes to.
 */
class CompareOpenVinoTest {
  @TempDir Path dir;

  @Test
  void theFriendlyNameFindsTheCheckpointsLayerAndThePresetIsNncfs() throws Exception {
    // the values OpenVinoReaderTest works out by hand for these codes, scales and zero points
    float[][] decoded = {{0.2998046875f, 0f, -0.2998046875f, 12.6953125f}, {-5f, 0f, 5f, 122.5f}};
    Model original =
        ModelFiles.open(
            CheckpointFiles.safetensors(
                dir.resolve("hf.safetensors"),
                CheckpointFiles.ordered("model.layers.0.self_attn.q_proj.weight", decoded)));
    Model ir =
        ModelFiles.open(
            IrWriter.int8AsymPerChannel(
                dir.resolve("openvino_model.xml"),
                "self.model.layers.0.self_attn.q_proj.weight",
                "__module.model.layers.0.self_attn.q_proj/aten::linear/MatMul"));
    Optional<io.quantlens.analysis.PlanPreset> preset = MatchingPreset.of(ir);
    assertEquals("nncf-int8-asym", preset.orElseThrow().id());
    ArtifactComparison c =
        new Comparer(original, new AnalysisCache(), 1)
            .compare(
                ir, LayerMatcher.match(original, ir), preset, AnalysisProgress.NONE, () -> false);
    assertEquals(List.of(), c.unmatchedArtifact());
    LayerComparison l = c.layers().get(0);
    assertEquals(Match.SAME_PLACE, l.pairing().how());
    assertEquals(Double.POSITIVE_INFINITY, l.stats().sqnrDb());
    // 8 codes of 8 bits, 2 f16 scales, 2 u8 zero points: (64 + 32 + 16) / 8
    assertEquals(14.0, l.bitsPerWeight());
    assertEquals(Optional.of(true), l.prediction().orElseThrow().agrees());
  }
}
