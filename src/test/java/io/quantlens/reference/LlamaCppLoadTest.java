package io.quantlens.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.cli.Main;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.reference.LlamaCpp.LoadedModel;
import io.quantlens.samples.synthetic.LlmArchitecture;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import io.quantlens.samples.synthetic.TensorNaming;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * llama.cpp itself loads every GGUF file {@code generate} writes, vocabulary and tensors, and
 * counts the same weights and tensors (docs/llama-cpp-files.md).
 */
class LlamaCppLoadTest {
  /** Grouped-query attention, a tied embedding and partial rotary, as Phi-4-mini has them. */
  static final LlmShape PHI4_LIKE =
      new LlmShape(
          "phi4-like", LlmArchitecture.PHI3, 600, 256, 512, 2, 8, 2, 512, true, 24, 10000f, 1e-5f);

  private static final List<GgmlType> TYPES =
      List.of(
          GgmlType.F32,
          GgmlType.F16,
          GgmlType.BF16,
          GgmlType.Q8_0,
          GgmlType.Q4_0,
          GgmlType.Q4_1,
          GgmlType.Q5_0,
          GgmlType.Q5_1,
          GgmlType.Q2_K,
          GgmlType.Q3_K,
          GgmlType.Q4_K,
          GgmlType.Q5_K,
          GgmlType.Q6_K);

  private static LlamaCpp llamaCpp;

  @TempDir Path dir;

  @BeforeAll
  static void loadLlamaCpp() {
    llamaCpp = LlamaCpp.load();
  }

  static List<Arguments> shapesAndTypes() {
    List<Arguments> cases = new ArrayList<>();
    for (LlmShape shape : List.of(LlmShape.TINY, LlmShape.PHI3_TINY, PHI4_LIKE)) {
      for (GgmlType type : TYPES) {
        cases.add(Arguments.of(shape, type));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("shapesAndTypes")
  void llamaCppLoadsTheFile(LlmShape shape, GgmlType type) throws Exception {
    Path file = dir.resolve(shape.id() + "-" + type + ".gguf");
    SyntheticModels.writeGguf(shape, type, 3, file, n -> {});

    LoadedModel loaded = llamaCpp.loadModel(file);

    assertSameModel(shape, loaded);
  }

  @Test
  void llamaCppLoadsAScaledDownPhi35MiniFromTheCommandLine() {
    Path file = dir.resolve("phi-3.5-mini-1.gguf");
    int exit =
        Main.run(
            "generate",
            file.toString(),
            "--shape",
            "phi-3.5-mini",
            "--layers",
            "1",
            "--type",
            "q4_0");
    assertEquals(0, exit);

    LoadedModel loaded = llamaCpp.loadModel(file);

    assertSameModel(LlmShape.PHI_3_5_MINI.withLayers(1), loaded);
    // Worked by hand from the widths in docs/llama-cpp-files.md: embedding and head 32064 × 3072
    // each; qkv (3072 + 2·3072) × 3072, output 3072², gate_up 16384 × 3072, down 3072 × 8192, and
    // three norms of 3072.
    long expected =
        2L * 32064 * 3072 + 9216L * 3072 + 3072L * 3072 + 16384L * 3072 + 8192L * 3072 + 3 * 3072;
    assertEquals(expected, loaded.parameters());
  }

  @Test
  void theTinyLlamaHasTheWeightsCountedByHand() throws Exception {
    Path file = dir.resolve("tiny.gguf");
    SyntheticModels.writeGguf(LlmShape.TINY, GgmlType.F16, 1, file, n -> {});
    // vocab 512, width 256, MLP 768, 2 blocks, key/value width 256 / 4 · 2 = 128.
    long block = 256L * 256 * 2 + 2 * 128L * 256 + 3 * 768L * 256 + 2 * 256;
    long expected = 2 * 512L * 256 + 2 * block + 256;
    assertEquals(expected, llamaCpp.loadModel(file).parameters());
  }

  @Test
  void missingLibrariesFailWithTheFolderNamed() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LlamaCpp.load(dir));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("generate-test-resources"), e.getMessage());
  }

  @Test
  void theLibraryIsThePinnedOne() {
    assertEquals("0.25.1 (0ad4a86)", llamaCpp.version());
  }

  private static void assertSameModel(LlmShape shape, LoadedModel loaded) {
    assertEquals(shape.architecture().ggufName(), loaded.architecture());
    assertEquals(shape.parameterCount(), loaded.parameters(), "n_params");
    assertEquals(shape.tensors(TensorNaming.GGUF).size(), loaded.tensors(), "tensors");
    assertEquals(shape.layers(), loaded.layers());
    assertEquals(shape.hidden(), loaded.embedding());
    assertEquals(shape.heads(), loaded.heads());
    assertEquals(shape.kvHeads(), loaded.kvHeads());
    assertEquals(shape.vocab(), loaded.vocabulary());
    assertTrue(
        loaded.description().startsWith(shape.architecture().ggufName()), loaded.description());
  }
}
