package io.quantlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quantlens.analysis.LlamaCppRules.FileType;
import io.quantlens.analysis.LlamaCppRules.Weight;
import io.quantlens.model.TensorNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * llama.cpp's type choices on small Llama-shaped weight lists, expected values derived by hand from
 * src/llama-quant.cpp. Hidden size 512 (a multiple of 256); feed-forward size 1376 = 5·256 + 96, a
 * multiple of 32 only, so ffn_down rows exercise the fallbacks.
 */
class PlanPresetLlamaCppRulesTest {
  private static final int HIDDEN = 512;
  private static final int FFN = 1376;

  /** A GGUF Llama of {@code blocks} blocks; {@code tied}: no output tensor. */
  static List<Weight> gguf(int blocks, boolean tied) {
    List<Weight> w = new ArrayList<>();
    w.add(new Weight("token_embd", 2, HIDDEN));
    for (int b = 0; b < blocks; b++) {
      String p = "blk." + b + ".";
      w.add(new Weight(p + "attn_norm", 1, HIDDEN));
      for (String t : List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up")) {
        w.add(new Weight(p + t, 2, HIDDEN));
      }
      w.add(new Weight(p + "ffn_down", 2, FFN));
      w.add(new Weight(p + "ffn_norm", 1, HIDDEN));
    }
    w.add(new Weight("output_norm", 1, HIDDEN));
    if (!tied) {
      w.add(new Weight("output", 2, HIDDEN));
    }
    return w;
  }

  /** The same model with Hugging Face names, in safetensors' alphabetical order. */
  static List<Weight> huggingFace(int blocks) {
    List<Weight> w = new ArrayList<>();
    w.add(new Weight("lm_head", 2, HIDDEN));
    w.add(new Weight("model.embed_tokens", 2, HIDDEN));
    for (int b = blocks - 1; b >= 0; b--) {
      String p = "model.layers." + b + ".";
      w.add(new Weight(p + "input_layernorm", 1, HIDDEN));
      w.add(new Weight(p + "mlp.down_proj", 2, FFN));
      w.add(new Weight(p + "mlp.gate_proj", 2, HIDDEN));
      w.add(new Weight(p + "mlp.up_proj", 2, HIDDEN));
      w.add(new Weight(p + "post_attention_layernorm", 1, HIDDEN));
      for (String t : List.of("k_proj", "o_proj", "q_proj", "v_proj")) {
        w.add(new Weight(p + "self_attn." + t, 2, HIDDEN));
      }
    }
    w.add(new Weight("model.norm", 1, HIDDEN));
    return w;
  }

  private static Set<Integer> blocksWith(Map<String, String> types, String suffix, String type) {
    Set<Integer> blocks = new TreeSet<>();
    types.forEach(
        (name, t) -> {
          if (name.endsWith(suffix) && t.equals(type)) {
            blocks.add(TensorNames.blockIndex(name).getAsInt());
          }
        });
    return blocks;
  }

  @Test
  void useMoreBitsPicksTheEndsAndEveryThirdLayer() {
    // n = 8: n/8 = 1, 7n/8 = 7 → i = 0, 7, and (i − 1) % 3 == 2 → 3, 6.
    List<Integer> eight = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      if (LlamaCppRules.useMoreBits(i, 8)) {
        eight.add(i);
      }
    }
    assertEquals(List.of(0, 3, 6, 7), eight);
    // n = 32: 0–3, 28–31, and (i − 4) % 3 == 2 → 6, 9, …, 27.
    List<Integer> many = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      if (LlamaCppRules.useMoreBits(i, 32)) {
        many.add(i);
      }
    }
    assertEquals(List.of(0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31), many);
  }

  @Test
  void q4KmEightBlocks() {
    Map<String, String> t = LlamaCppRules.types(gguf(8, false), FileType.Q4_K_M);
    assertEquals(Set.of(0, 3, 6, 7), blocksWith(t, ".attn_v", "q6_k"));
    assertEquals(Set.of(1, 2, 4, 5), blocksWith(t, ".attn_v", "q4_k"));
    // ffn_down rows of 1376: q6_k falls back to q8_0, q4_k to q5_0.
    assertEquals(Set.of(0, 3, 6, 7), blocksWith(t, ".ffn_down", "q8_0"));
    assertEquals(Set.of(1, 2, 4, 5), blocksWith(t, ".ffn_down", "q5_0"));
    assertEquals("q6_k", t.get("output"));
    assertEquals("q4_k", t.get("token_embd"));
    assertEquals("q4_k", t.get("blk.5.attn_q"));
    assertEquals("q4_k", t.get("blk.7.ffn_up"));
    assertFalse(t.containsKey("blk.0.attn_norm"));
    assertFalse(t.containsKey("output_norm"));
    assertEquals(8 * 7 + 2, t.size());
  }

  /** A block number beyond an int is no block number; it used to stop the preset with an error. */
  @Test
  void aBlockNumberTooLargeForAnIntIsOutsideTheBlocks() {
    List<Weight> w = new ArrayList<>(gguf(8, false));
    w.add(new Weight("blk.99999999999.attn_v", 2, HIDDEN));
    Map<String, String> t = LlamaCppRules.types(w, FileType.Q4_K_M);
    // Loader order puts names outside blocks first: it is attn_v 0 of 9, blk.N.attn_v is N + 1;
    // use_more_bits(i, 9) picks i = 0, 3, 6, 7, 8.
    assertEquals("q6_k", t.get("blk.99999999999.attn_v"));
    assertEquals("q4_k", t.get("blk.0.attn_v"));
    assertEquals("q6_k", t.get("blk.2.attn_v"));
    assertEquals("q4_k", t.get("blk.3.attn_v"));
    // n_layer still counts the 8 numbered blocks
    assertEquals(Set.of(0, 3, 6, 7), blocksWith(t, ".ffn_down", "q8_0"));
  }

  @Test
  void q4KmThirtyTwoBlocks() {
    Map<String, String> t = LlamaCppRules.types(gguf(32, false), FileType.Q4_K_M);
    Set<Integer> more = Set.of(0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31);
    assertEquals(more, blocksWith(t, ".attn_v", "q6_k"));
    assertEquals(more, blocksWith(t, ".ffn_down", "q8_0"));
    assertEquals(16, blocksWith(t, ".attn_v", "q4_k").size());
  }

  @Test
  void huggingFaceNamesGetTheSameTypes() {
    Map<String, String> t = LlamaCppRules.types(huggingFace(8), FileType.Q4_K_M);
    assertEquals(Set.of(0, 3, 6, 7), blocksWith(t, ".v_proj", "q6_k"));
    assertEquals(Set.of(0, 3, 6, 7), blocksWith(t, ".down_proj", "q8_0"));
    assertEquals(Set.of(1, 2, 4, 5), blocksWith(t, ".down_proj", "q5_0"));
    assertEquals("q6_k", t.get("lm_head"));
    assertEquals("q4_k", t.get("model.embed_tokens"));
    assertEquals("q4_k", t.get("model.layers.2.self_attn.o_proj"));
    assertFalse(t.containsKey("model.norm"));
    assertFalse(t.containsKey("model.layers.0.input_layernorm"));
  }

  @Test
  void tiedEmbeddingsAreQuantizedLikeTheOutput() {
    assertEquals("q6_k", LlamaCppRules.types(gguf(8, true), FileType.Q4_K_M).get("token_embd"));
    assertEquals("q6_k", LlamaCppRules.types(gguf(8, true), FileType.Q4_0).get("token_embd"));
    assertEquals("q8_0", LlamaCppRules.types(gguf(8, true), FileType.Q8_0).get("token_embd"));
  }

  @Test
  void q4ZeroKeepsTheOutputAtQ6K() {
    Map<String, String> t = LlamaCppRules.types(gguf(8, false), FileType.Q4_0);
    assertEquals("q6_k", t.get("output"));
    assertEquals("q4_0", t.get("token_embd"));
    assertEquals("q4_0", t.get("blk.0.attn_v"));
    assertEquals("q4_0", t.get("blk.0.ffn_down"));
    // A 544-wide output (a multiple of 32, not of 256): q6_k falls back to q8_0.
    Map<String, String> narrow =
        LlamaCppRules.types(List.of(new Weight("output", 2, 544)), FileType.Q4_0);
    assertEquals("q8_0", narrow.get("output"));
  }

  @Test
  void q8ZeroIsQ8ZeroEverywhere() {
    Map<String, String> t = LlamaCppRules.types(gguf(8, false), FileType.Q8_0);
    assertEquals(Set.of("q8_0"), Set.copyOf(t.values()));
    assertEquals(8 * 7 + 2, t.size());
  }

  @Test
  void rowsOfNoBlockMultipleFallBackOrAreRefused() {
    assertEquals("q5_0", LlamaCppRules.fallback("q4_k", 96));
    assertEquals("q8_0", LlamaCppRules.fallback("q6_k", 96));
    assertEquals("q5_1", LlamaCppRules.fallback("q5_k", 96));
    assertEquals("q4_0", LlamaCppRules.fallback("q3_k", 96));
    assertEquals(LlamaCppRules.F16, LlamaCppRules.fallback("q4_k", 100));
    assertNull(LlamaCppRules.fallback("q4_0", 100), "llama-quantize stops: no fallback for q4_0");
    Map<String, String> odd =
        LlamaCppRules.types(List.of(new Weight("blk.0.attn_q", 2, 100)), FileType.Q4_K_M);
    assertEquals(Map.of("blk.0.attn_q", "f16"), odd);
    assertEquals(
        Map.of(), LlamaCppRules.types(List.of(new Weight("blk.0.attn_q", 2, 100)), FileType.Q8_0));
  }
}
