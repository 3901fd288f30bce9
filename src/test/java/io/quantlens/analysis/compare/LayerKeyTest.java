package io.quantlens.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.model.LayerKey;
import io.quantlens.model.LayerKey.Part;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The same weight under each toolchain's name gets one key. */
class LayerKeyTest {
  @Test
  void eachConventionsNameOfAProjectionHasItsKey() {
    Map<String, LayerKey> names =
        Map.ofEntries(
            Map.entry("model.layers.3.self_attn.q_proj", new LayerKey(3, Part.Q)),
            Map.entry("blk.3.attn_q", new LayerKey(3, Part.Q)),
            Map.entry("/model/layers.3/attn/q_proj/MatMul", new LayerKey(3, Part.Q)),
            Map.entry(
                "__module.model.layers.3.self_attn.q_proj/aten::linear/MatMul",
                new LayerKey(3, Part.Q)),
            Map.entry(
                "/encoder/layer.3/attention/self/query/MatMul_quant", new LayerKey(3, Part.Q)),
            Map.entry("model.layers.0.self_attn.qkv_proj", new LayerKey(0, Part.QKV)),
            Map.entry("blk.0.attn_qkv", new LayerKey(0, Part.QKV)),
            Map.entry("model.layers.1.mlp.gate_up_proj", new LayerKey(1, Part.GATE_UP)),
            Map.entry("blk.1.ffn_up", new LayerKey(1, Part.UP)),
            Map.entry("blk.1.attn_output", new LayerKey(1, Part.O)),
            Map.entry("/encoder/layer.2/attention/output/dense/MatMul", new LayerKey(2, Part.O)),
            Map.entry("/encoder/layer.2/intermediate/dense/MatMul", new LayerKey(2, Part.UP)),
            Map.entry("/encoder/layer.2/output/dense/MatMul", new LayerKey(2, Part.DOWN)),
            Map.entry("transformer.h.4.attn.c_proj", new LayerKey(4, Part.O)),
            Map.entry("transformer.h.4.mlp.c_proj", new LayerKey(4, Part.DOWN)),
            Map.entry("model.layers.5.mlp.down_proj.weight", new LayerKey(5, Part.DOWN)),
            Map.entry("model.embed_tokens", new LayerKey(-1, Part.EMBEDDING)),
            Map.entry("token_embd", new LayerKey(-1, Part.EMBEDDING)),
            Map.entry("/embeddings/word_embeddings/Gather", new LayerKey(-1, Part.EMBEDDING)),
            Map.entry("lm_head", new LayerKey(-1, Part.HEAD)),
            Map.entry("output", new LayerKey(-1, Part.HEAD)));
    names.forEach((name, key) -> assertEquals(Optional.of(key), LayerKey.of(name), name));
  }

  @Test
  void namesThatSayNothingOfTheirPartHaveNoKey() {
    assertEquals(Optional.empty(), LayerKey.of("/embeddings/position_embeddings/Gather"));
    assertEquals(Optional.empty(), LayerKey.of("conv1"));
    assertEquals(Optional.empty(), LayerKey.of("blk.2.output_norm"));
    assertEquals(Optional.empty(), LayerKey.of("/MatMul"));
  }

  @Test
  void fusedPartsListTheirComponentsInStorageOrder() {
    assertEquals(java.util.List.of(Part.Q, Part.K, Part.V), Part.QKV.components());
    assertEquals(java.util.List.of(Part.GATE, Part.UP), Part.GATE_UP.components());
    assertEquals(Optional.of(Part.GATE_UP), Part.UP.fusedInto());
  }
}
