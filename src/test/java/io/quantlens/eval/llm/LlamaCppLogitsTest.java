package io.quantlens.eval.llm;

import static io.quantlens.reference.LlamaCpp.ContextKind.DEFAULTS;
import static io.quantlens.reference.LlamaCpp.ContextKind.FLOAT32_ATTENTION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.reference.LlamaCpp;
import io.quantlens.samples.synthetic.LlmArchitecture;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * QuantLens' forward pass against llama.cpp's own logits on the same files and tokens
 * (docs/llm-forward-pass.md gives the tolerances and why).
 */
class LlamaCppLogitsTest {
  /** Grouped-query attention, a tied embedding and partial rotary, as Phi-4-mini has them. */
  static final LlmShape PHI4_LIKE =
      new LlmShape(
          "phi4-like", LlmArchitecture.PHI3, 600, 256, 512, 2, 8, 2, 512, true, 24, 10000f, 1e-5f);

  static final int[] TOKENS = {1, 17, 42, 300, 5, 99, 256, 7, 480, 13, 64, 201, 3, 77, 150, 499};
  private static final long SEED = 7;

  private static LlamaCpp llamaCpp;

  @TempDir Path dir;

  @BeforeAll
  static void loadLlamaCpp() {
    llamaCpp = LlamaCpp.load();
  }

  static Stream<LlmShape> shapes() {
    return Stream.of(LlmShape.TINY, LlmShape.PHI3_TINY, PHI4_LIKE);
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void float32LogitsEqualLlamaCpp(LlmShape shape) throws Exception {
    Path gguf =
        SyntheticModels.writeGguf(shape, GgmlType.F32, SEED, dir.resolve("m.gguf"), n -> {});
    float[][] actual = run(gguf, 2);
    double exact = relativeError(llamaCpp.logits(gguf, TOKENS, FLOAT32_ATTENTION), actual);
    double defaults = relativeError(llamaCpp.logits(gguf, TOKENS, DEFAULTS), actual);
    System.out.println(shape.id() + " F32 max|Δ|/max|logit| = " + exact + ", defaults " + defaults);
    assertTrue(exact <= 2e-6, shape.id() + ": " + exact);
    assertTrue(defaults <= 2e-3, shape.id() + " with llama.cpp's defaults: " + defaults);
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void safetensorsGiveTheGgufLogits(LlmShape shape) throws Exception {
    Path gguf =
        SyntheticModels.writeGguf(shape, GgmlType.F32, SEED, dir.resolve("m.gguf"), n -> {});
    Path folder = Files.createDirectories(dir.resolve("hf"));
    Path st =
        SyntheticModels.writeSafetensors(
            shape,
            SyntheticModels.SafetensorsType.F32,
            1,
            SEED,
            folder.resolve("model.safetensors"),
            n -> {});
    // generate wrote the shape's config.json beside the weights
    float[][] fromGguf = run(gguf, 1);
    float[][] fromHf = run(st, 1);
    // Same weights in the same rows (q/k put in GGUF order): the same bits.
    for (int t = 0; t < TOKENS.length; t++) {
      assertArrayEquals(fromGguf[t], fromHf[t], "token " + t);
    }
  }

  @Test
  void oneAndTwoThreadsGiveTheSameBits() throws Exception {
    Path gguf =
        SyntheticModels.writeGguf(
            LlmShape.TINY, GgmlType.Q8_0, SEED, dir.resolve("q.gguf"), n -> {});
    float[][] one = run(gguf, 1);
    float[][] two = run(gguf, 2);
    for (int t = 0; t < TOKENS.length; t++) {
      assertArrayEquals(one[t], two[t], "token " + t);
    }
  }

  @Test
  void tokensFedOneAtATimeGiveTheBatchLogits() throws Exception {
    Path gguf =
        SyntheticModels.writeGguf(
            LlmShape.TINY, GgmlType.F32, SEED, dir.resolve("m.gguf"), n -> {});
    float[][] batch = run(gguf, 2);
    LlmModel model = LlmModel.of(ModelFiles.open(gguf));
    try (ForwardPass pass = new ForwardPass(model, WeightSource.stored(), 2)) {
      for (int t = 0; t < TOKENS.length; t++) {
        float[][] one = pass.run(new int[] {TOKENS[t]});
        assertArrayEquals(batch[t], one[0], "token " + t);
      }
      assertEquals(TOKENS.length, pass.position());
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void q8LogitsAgreeWithLlamaCpp(LlmShape shape) throws Exception {
    Path gguf =
        SyntheticModels.writeGguf(shape, GgmlType.Q8_0, SEED, dir.resolve("q8.gguf"), n -> {});
    float[][] expected = llamaCpp.logits(gguf, TOKENS, FLOAT32_ATTENTION);
    float[][] actual = run(gguf, 2);
    double error = relativeError(expected, actual);
    Path f32 = SyntheticModels.writeGguf(shape, GgmlType.F32, SEED, dir.resolve("m.gguf"), n -> {});
    double weightsOnly = relativeError(run(f32, 2), actual);
    System.out.println(
        shape.id() + " Q8_0 max|Δ|/max|logit| = " + error + "; Q8_0 vs F32 weights " + weightsOnly);
    assertTrue(error <= 3e-2, shape.id() + ": " + error);
  }

  static float[][] run(Path file, int threads) throws Exception {
    LlmModel model = LlmModel.of(ModelFiles.open(file));
    try (ForwardPass pass = new ForwardPass(model, WeightSource.stored(), threads)) {
      return pass.run(TOKENS);
    }
  }

  /** max |Δ| over all logits divided by the largest |logit| of the reference. */
  static double relativeError(float[][] expected, float[][] actual) {
    double maxDiff = 0;
    double maxAbs = 0;
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t].length, actual[t].length);
      for (int i = 0; i < expected[t].length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(expected[t][i] - actual[t][i]));
        maxAbs = Math.max(maxAbs, Math.abs(expected[t][i]));
      }
    }
    return maxDiff / maxAbs;
  }
}
