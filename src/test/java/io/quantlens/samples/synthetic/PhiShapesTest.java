package io.quantlens.samples.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.SpmVocabulary;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phi-3-family shapes, their fused projections in both namings, and the generated vocabulary. */
class PhiShapesTest {
  @TempDir Path dir;

  @Test
  void phiShapesCountTheWeightsOfTheRealModels() {
    // Phi-3.5-mini: 2·32064·3072 + 32·((3·3072)·3072 + 3072² + (2·8192)·3072 + 8192·3072
    // + 2·3072) + 3072 = 3,821,079,552, the count published for Phi-3-mini.
    assertEquals(3_821_079_552L, LlmShape.PHI_3_5_MINI.parameterCount());
    // Phi-4-mini: one tied 200064·3072 embedding; qkv (3072 + 2·8·128) rows.
    long phi4Block = 5120L * 3072 + 3072L * 3072 + 16384L * 3072 + 8192L * 3072 + 2 * 3072;
    assertEquals(200064L * 3072 + 32 * phi4Block + 3072, LlmShape.PHI_4_MINI.parameterCount());
    assertEquals(3_836_021_760L, LlmShape.PHI_4_MINI.parameterCount());
    // Phi-3-medium: qkv 5120 + 2·10·128 = 7680 rows, gate_up 2·17920.
    long mediumBlock = 7680L * 5120 + 5120L * 5120 + 35840L * 5120 + 17920L * 5120 + 2 * 5120;
    assertEquals(
        2 * 32064L * 5120 + 40 * mediumBlock + 5120, LlmShape.PHI_3_MEDIUM.parameterCount());
  }

  @Test
  void safetensorsUseHuggingFacesFusedNames() throws Exception {
    Path file = dir.resolve("phi.safetensors");
    SyntheticModels.writeSafetensors(
        LlmShape.PHI3_TINY, SyntheticModels.SafetensorsType.BF16, 1, 2, file, n -> {});
    Model model = ModelFiles.open(file);
    // kv width 256 / 4 · 2 = 128: qkv 256 + 2·128 rows; gate_up 2·768.
    assertArrayEquals(
        new long[] {512, 256}, layer(model, "model.layers.1.self_attn.qkv_proj").weight().shape());
    assertArrayEquals(
        new long[] {1536, 256}, layer(model, "model.layers.0.mlp.gate_up_proj").weight().shape());
    assertArrayEquals(
        new long[] {256, 768}, layer(model, "model.layers.0.mlp.down_proj").weight().shape());
    assertTrue(names(model).contains("lm_head"));
    assertFalse(
        names(model).stream().anyMatch(n -> n.contains("q_proj") || n.contains("gate_proj")));
  }

  @Test
  void ggufUsesLlamaCppsPhi3NamesAndKeys() throws Exception {
    LlmShape tied = LlmShape.PHI_4_MINI.withLayers(1);
    LlmShape small =
        new LlmShape(
            "t", LlmArchitecture.PHI3, 300, 256, 512, 3, 8, 2, 1024, true, 24, 10000f, 1e-5f);
    Path file = dir.resolve("phi.gguf");
    SyntheticModels.writeGguf(small, GgmlType.Q8_0, 2, file, n -> {});
    Model model = ModelFiles.open(file);
    var props = model.metadata().properties();
    assertEquals("phi3", props.get("general.architecture"));
    assertEquals("24", props.get("phi3.rope.dimension_count"));
    assertEquals("2", props.get("phi3.attention.head_count_kv"));
    assertEquals("llama", props.get("tokenizer.ggml.model"));
    assertEquals("299", props.get("tokenizer.ggml.eos_token_id"));
    // 256 + 2·(256 / 8 · 2) rows; ffn_up twice 512.
    assertArrayEquals(new long[] {384, 256}, layer(model, "blk.2.attn_qkv").weight().shape());
    assertArrayEquals(new long[] {1024, 256}, layer(model, "blk.0.ffn_up").weight().shape());
    assertFalse(names(model).contains("output"), "a tied embedding has no output tensor");
    assertEquals(1 + 3 * 4, model.layers().size());
    assertEquals(1, tied.layers());
    assertTrue(tied.tiedEmbeddings());
  }

  @Test
  void vocabularyTokensAreDistinctAndHoldTheBytes() {
    Set<String> seen = new HashSet<>();
    for (int id = 0; id < 200064; id++) {
      assertTrue(seen.add(SpmVocabulary.token(id)), "token " + id + " repeats");
    }
    assertEquals(List.of("<unk>", "<s>", "</s>", "<0x00>"), first(4));
    assertEquals("<0x0A>", SpmVocabulary.token(3 + 10));
    assertEquals("<0xFF>", SpmVocabulary.token(258));
    assertEquals("\u2581a", SpmVocabulary.token(259));
    assertEquals("\u2581z", SpmVocabulary.token(259 + 25));
    assertEquals("\u2581aa", SpmVocabulary.token(259 + 26));
    assertEquals("\u2581ba", SpmVocabulary.token(259 + 52));
  }

  @Test
  void shapesRefuseRotaryWiderThanAHead() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LlmShape(
                "x", LlmArchitecture.PHI3, 300, 256, 512, 1, 8, 2, 64, false, 48, 1e4f, 1e-5f));
  }

  private static List<String> first(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(SpmVocabulary::token).toList();
  }

  private static Set<String> names(Model model) {
    Set<String> names = new HashSet<>();
    model.layers().forEach(l -> names.add(l.name()));
    return names;
  }

  private static Layer layer(Model model, String name) {
    return model.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }
}
