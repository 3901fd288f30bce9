package io.quantlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.TensorNames.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorNamesTest {
  /** The 40 layer names QuantLens reads from the all-MiniLM-L6-v2 sample, in model order. */
  static List<String> miniLmLayers() {
    List<String> names = new ArrayList<>();
    names.add("/embeddings/word_embeddings/Gather");
    names.add("/embeddings/position_embeddings/Gather");
    names.add("/embeddings/token_type_embeddings/Gather");
    String[] roles = {
      "attention/self/query", "attention/self/key", "attention/self/value",
      "attention/output/dense", "intermediate/dense", "output/dense"
    };
    for (int l = 0; l < 6; l++) {
      for (String role : roles) {
        names.add("/encoder/layer." + l + "/" + role + "/MatMul");
      }
    }
    names.add("/pooler/dense/Gemm");
    return names;
  }

  private static void assertBlock(int expected, String name) {
    assertEquals(OptionalInt.of(expected), TensorNames.blockIndex(name), name);
  }

  private static void assertNoBlock(String name) {
    assertEquals(OptionalInt.empty(), TensorNames.blockIndex(name), name);
  }

  @Test
  void checkpointNamesNameTheirBlock() {
    // Hugging Face: Llama, GPT-2, BERT, T5 (the first block part counts, not layer.0), ViT
    assertBlock(12, "model.layers.12.self_attn.q_proj.weight");
    assertBlock(3, "model.layers.3.self_attn.q_proj");
    assertBlock(11, "transformer.h.11.attn.c_attn.weight");
    assertBlock(5, "bert.encoder.layer.5.attention.self.query");
    assertBlock(3, "encoder.block.3.layer.0.SelfAttention.q.weight");
    assertBlock(7, "blocks.7.attn.qkv.weight");
    assertBlock(7, "layers.7");
    // GGUF
    assertBlock(0, "blk.0.attn_q.weight");
    assertBlock(12, "blk.12.ffn_down");
    // TensorFlow and Flax checkpoints
    assertBlock(3, "bert/encoder/layer_3/attention/self/query/kernel");
    assertBlock(3, "params/decoder/layers_3/mlp/wi/kernel");
    assertNoBlock("model.embed_tokens");
    assertNoBlock("token_embd.weight");
    assertNoBlock("output_norm.weight");
    assertNoBlock("lm_head");
  }

  @Test
  void onnxNodeNamesNameTheirBlock() {
    for (String name : miniLmLayers()) {
      if (name.startsWith("/encoder/layer.")) {
        assertBlock(name.charAt("/encoder/layer.".length()) - '0', name);
      } else {
        assertNoBlock(name);
      }
    }
    assertBlock(3, "/encoder/layer.3/attention/self/query/MatMul");
    assertBlock(0, "/model/layers.0/self_attn/q_proj/MatMul");
    assertBlock(3, "/transformer/h.3/attn/c_attn/MatMul");
    // Silero VAD and PaddleOCR's classifier: numbered parts without a block keyword
    assertNoBlock("/model/encoder/0/reparam_conv/Conv");
    assertNoBlock("/model/decoder/If_1/then_branch//model/decoder/rnn/LSTM/W");
    assertNoBlock("p2o.Conv.17");
  }

  @Test
  void partsThatOnlyLookLikeBlocksAreNone() {
    assertNoBlock("model.layers.x.mlp");
    assertNoBlock("model.h2.3.mlp");
    assertNoBlock("model.sublayers.3.mlp");
    assertNoBlock("model.layers.3x.mlp");
    assertNoBlock("model.layers.99999999999.mlp");
  }

  @Test
  void blockPrefixEndsAfterTheBlockNumber() {
    assertEquals("model.layers.3", TensorNames.blockPrefix("model.layers.3.self_attn.q_proj"));
    assertEquals("blk.12", TensorNames.blockPrefix("blk.12.ffn_up.weight"));
    assertEquals(
        "/encoder/layer.3",
        TensorNames.blockPrefix("/encoder/layer.3/attention/self/query/MatMul"));
    assertEquals("", TensorNames.blockPrefix("lm_head"));
  }

  @Test
  void layerNameDropsTheWeightSuffix() {
    assertEquals(
        "model.layers.0.mlp.up_proj", TensorNames.layerName("model.layers.0.mlp.up_proj.weight"));
    assertEquals("rotary", TensorNames.layerName("rotary"));
    assertEquals(".weight", TensorNames.layerName(".weight"));
  }

  @Test
  void naturalOrderComparesNumbersByValue() {
    List<String> expected =
        List.of(
            "lm_head",
            "model.layers.1.mlp",
            "model.layers.2.mlp",
            "model.layers.2.self_attn",
            "model.layers.10.mlp",
            "model.layers.10.mlp.x",
            "model.layers.100.mlp",
            "model.layers.123456789012345678901234567890.mlp");
    List<String> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(3));
    shuffled.sort(TensorNames.NATURAL_ORDER);
    assertEquals(expected, shuffled);
    assertTrue(TensorNames.compareNatural("a01", "a1") != 0, "distinct names never compare equal");
    assertEquals(0, TensorNames.compareNatural("a1", "a1"));
  }

  @Test
  void rolesOfGgufAndHuggingFaceNames() {
    assertEquals(Role.TOKEN_EMBEDDING, TensorNames.role("token_embd"));
    assertEquals(Role.TOKEN_EMBEDDING, TensorNames.role("model.embed_tokens"));
    assertEquals(Role.OUTPUT, TensorNames.role("output"));
    assertEquals(Role.OUTPUT, TensorNames.role("lm_head"));
    assertEquals(Role.ATTENTION_V, TensorNames.role("blk.3.attn_v"));
    assertEquals(Role.ATTENTION_V, TensorNames.role("model.layers.3.self_attn.v_proj"));
    assertEquals(Role.FFN_DOWN, TensorNames.role("blk.3.ffn_down"));
    assertEquals(Role.FFN_DOWN, TensorNames.role("model.layers.3.mlp.down_proj"));
    assertEquals(Role.KEPT, TensorNames.role("blk.3.attn_norm"));
    assertEquals(Role.KEPT, TensorNames.role("model.layers.3.mlp.gate"));
    assertEquals(Role.OTHER, TensorNames.role("blk.3.attn_q"));
  }

  @Test
  void shortNamesStayWhole() {
    assertEquals("blk.12.attn_q.weight", TensorNames.shorten("blk.12.attn_q.weight", 20));
    assertEquals("/pooler/dense/Gemm", TensorNames.shorten("/pooler/dense/Gemm", 18));
  }

  @Test
  void shorteningKeepsTheBlockAndTheEndAndDropsTheMiddle() {
    String query = "/encoder/layer.3/attention/self/query/MatMul";
    assertEquals("…/layer.3/attention/self/query/MatMul", TensorNames.shorten(query, 40));
    assertEquals("…/layer.3/…/self/query/MatMul", TensorNames.shorten(query, 30));
    assertEquals("…/layer.3/…/query/MatMul", TensorNames.shorten(query, 24));
    assertEquals("…/layer.3/…/MatMul", TensorNames.shorten(query, 20));
    assertEquals(
        "….layers.12.self_attn.q_proj",
        TensorNames.shorten("model.layers.12.self_attn.q_proj", 28));
    assertEquals(
        "model.layers.12.….q_proj.weight",
        TensorNames.shorten("model.layers.12.self_attn.q_proj.weight", 31));
    assertEquals("blk.12.….weight", TensorNames.shorten("blk.12.attn_output.weight", 16));
  }

  @Test
  void aNameWithoutABlockKeepsItsEndThenItsStart() {
    String lstm = "/model/decoder/If_1/then_branch//model/decoder/rnn/LSTM/W";
    assertEquals("…/model/decoder/rnn/LSTM/W", TensorNames.shorten(lstm, 30));
    assertEquals("…/decoder/rnn/LSTM/W", TensorNames.shorten(lstm, 24));
    // then_branch does not fit at 36, the leading model does
    assertEquals("model/…/model/decoder/rnn/LSTM/W", TensorNames.shorten(lstm, 36));
  }

  @Test
  void whenTheEndDoesNotFitItLosesItsFirstCharactersNotTheBlock() {
    assertEquals("blk.12.…ight", TensorNames.shorten("blk.12.attn_q.weight", 12));
    String longOp = "/encoder/layer.4/" + "x".repeat(40) + "_MatMul";
    assertEquals("layer.4/…" + "x".repeat(13) + "_MatMul", TensorNames.shorten(longOp, 29));
    String noBlock = "x".repeat(40) + "_distinctive_end";
    assertEquals("…" + noBlock.substring(noBlock.length() - 19), TensorNames.shorten(noBlock, 20));
  }

  @Test
  void everyMiniLmNameAtEveryBudgetFitsAndKeepsItsBlockAndOp() {
    for (String name : miniLmLayers()) {
      String op = name.substring(name.lastIndexOf('/'));
      for (int max = 8; max <= 60; max++) {
        String shortened = TensorNames.shorten(name, max);
        assertTrue(shortened.length() <= max, shortened + " within " + max);
        if (max >= 18) {
          assertEquals(TensorNames.blockIndex(name), TensorNames.blockIndex(shortened), shortened);
          assertTrue(shortened.endsWith(op), shortened + " ends with " + op);
        }
      }
    }
  }

  @Test
  void budgetsBelowEightAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TensorNames.shorten("layers.7", 7));
  }
}
