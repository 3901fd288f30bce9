package io.quantlens.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerNamesTest {

  @Test
  void blockIndexOfCommonNamingSchemes() {
    assertEquals(3, LayerNames.blockIndex("model.layers.3.self_attn.q_proj"));
    assertEquals(11, LayerNames.blockIndex("transformer.h.11.attn.c_attn.weight"));
    assertEquals(0, LayerNames.blockIndex("blk.0.attn_q.weight"));
    assertEquals(5, LayerNames.blockIndex("bert.encoder.layer.5.attention.self.query"));
    assertEquals(7, LayerNames.blockIndex("layers.7"));
    assertEquals(-1, LayerNames.blockIndex("model.embed_tokens"));
    assertEquals(-1, LayerNames.blockIndex("lm_head"));
    assertEquals(-1, LayerNames.blockIndex("model.layers.x.mlp"));
    assertEquals(-1, LayerNames.blockIndex("model.h2.3.mlp"));
    assertEquals(-1, LayerNames.blockIndex("model.layers.99999999999.mlp"));
  }

  @Test
  void groupIsTheBlockPrefix() {
    assertEquals("model.layers.3", LayerNames.group("model.layers.3.self_attn.q_proj"));
    assertEquals("blk.12", LayerNames.group("blk.12.ffn_up.weight"));
    assertEquals("", LayerNames.group("lm_head"));
  }

  @Test
  void layerNameDropsTheWeightSuffix() {
    assertEquals(
        "model.layers.0.mlp.up_proj", LayerNames.layerName("model.layers.0.mlp.up_proj.weight"));
    assertEquals("rotary", LayerNames.layerName("rotary"));
    assertEquals(".weight", LayerNames.layerName(".weight"));
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
    shuffled.sort(LayerNames.NATURAL_ORDER);
    assertEquals(expected, shuffled);
    assertTrue(LayerNames.compareNatural("a01", "a1") != 0, "distinct names never compare equal");
    assertEquals(0, LayerNames.compareNatural("a1", "a1"));
  }
}
