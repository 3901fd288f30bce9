package io.quantlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link TensorNames#abbreviate}: labels for a list of names, as the table and charts show. */
class LayerLabelsTest {
  private static final Pattern ENCODER =
      Pattern.compile("/encoder/(layer\\.\\d)/(.*)/(\\w+)/MatMul");

  @Test
  void miniLmNamesLoseOnlyTheSharedEncoderPrefix() {
    List<String> names = TensorNamesTest.miniLmLayers();
    List<String> labels = TensorNames.abbreviate(names);
    assertEquals(40, labels.size());
    assertEquals(40, new HashSet<>(labels).size(), "unique");
    assertEquals("embeddings/word_embeddings/Gather", labels.get(0));
    assertEquals("embeddings/token_type_embeddings/Gather", labels.get(2));
    assertEquals("layer.0/attention/self/query/MatMul", labels.get(3));
    assertEquals("layer.0/attention/output/dense/MatMul", labels.get(6));
    assertEquals("layer.5/output/dense/MatMul", labels.get(38));
    assertEquals("pooler/dense/Gemm", labels.get(39));
    for (String label : labels) {
      assertTrue(label.length() <= TensorNames.DEFAULT_MAX_CHARS, label);
    }
  }

  @Test
  void aTightBudgetKeepsTheLayerIndexAndTheTail() {
    List<String> names = TensorNamesTest.miniLmLayers();
    List<String> labels = TensorNames.abbreviate(names, 26);
    assertEquals(40, new HashSet<>(labels).size(), "unique: " + labels);
    for (int i = 0; i < names.size(); i++) {
      String label = labels.get(i);
      Matcher m = ENCODER.matcher(names.get(i));
      if (m.matches()) {
        assertTrue(label.startsWith(m.group(1) + "/"), label + " names its layer");
        assertTrue(label.endsWith("/" + m.group(3) + "/MatMul"), label + " keeps the tail");
      }
    }
    assertEquals("layer.0/…/query/MatMul", labels.get(3));
    // Over the budget rather than ambiguous: no shorter cut tells these apart.
    assertEquals("layer.2/intermediate/dense/MatMul", labels.get(3 + 2 * 6 + 4));
    assertEquals("layer.2/output/dense/MatMul", labels.get(3 + 2 * 6 + 5), "27 > 26 but unique");
    assertEquals("layer.1/attention/…/dense/MatMul", labels.get(3 + 6 + 3));
    assertEquals("word_embeddings/Gather", labels.get(0));
    assertEquals("…en_type_embeddings/Gather", labels.get(2));
  }

  @Test
  void dottedNamesSplitAtDotsAndKeepTheWordBeforeANumber() {
    List<String> names =
        List.of(
            "model.layers.0.self_attn.q_proj.weight",
            "model.layers.0.self_attn.k_proj.weight",
            "model.layers.1.self_attn.q_proj.weight",
            "model.layers.1.self_attn.k_proj.weight",
            "lm_head.weight");
    List<String> labels = TensorNames.abbreviate(names, 30);
    assertEquals(
        List.of(
            "layers.0.self_attn.q_proj.weight".length() <= 30
                ? "layers.0.self_attn.q_proj.weight"
                : "layers.0.….q_proj.weight",
            "layers.0.self_attn.k_proj.weight".length() <= 30
                ? "layers.0.self_attn.k_proj.weight"
                : "layers.0.….k_proj.weight",
            "layers.1.….q_proj.weight",
            "layers.1.….k_proj.weight",
            "lm_head.weight"),
        labels);
  }

  @Test
  void shortUniqueNamesStayAsTheyAre() {
    List<String> names = List.of("conv1", "conv2", "fc");
    assertEquals(names, TensorNames.abbreviate(names));
  }

  @Test
  void equalNamesAreNumbered() {
    assertEquals(
        List.of("a/b", "a/b (2)", "c"), TensorNames.abbreviate(List.of("/a/b", "/a/b", "/c")));
  }

  @Test
  void aSingleOverlongSegmentIsCutToItsEnd() {
    String name = "x".repeat(30) + "_distinctive_end";
    List<String> labels = TensorNames.abbreviate(List.of(name, "short"), 20);
    assertEquals("…" + name.substring(name.length() - 19), labels.get(0));
    assertEquals(20, labels.get(0).length());
    assertEquals("short", labels.get(1));
  }

  @Test
  void cutsThatCollideFallBackToFullNames() {
    String a = "a".repeat(30) + "_same_end_of_the_name";
    String b = "b".repeat(30) + "_same_end_of_the_name";
    assertEquals(List.of(a, b), TensorNames.abbreviate(List.of(a, b), 12));
  }

  @Test
  void budgetsBelowEightAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TensorNames.abbreviate(List.of("a"), 7));
  }
}
