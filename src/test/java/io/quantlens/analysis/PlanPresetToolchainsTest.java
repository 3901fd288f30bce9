package io.quantlens.analysis;

import static io.quantlens.analysis.InMemoryModels.model;
import static io.quantlens.analysis.InMemoryModels.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.LlamaCppRules.FileType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which scheme the toolchain presets give each layer of models built here. */
class PlanPresetToolchainsTest {
  private static final Scheme FP32 = PrecisionPlan.FP32;
  private static final Scheme NNCF8 = Scheme.parse("int8:channel:asym:nncf");
  private static final Scheme NNCF4 = Scheme.parse("int4:g128:sym:nncf");

  private static PrecisionPlan plan(String id, Model model) {
    return PlanPresets.byId(id).orElseThrow().planFor(model);
  }

  /** mnist-cnn-like: two Conv layers and two Gemm layers ([out, in], transB = 1). */
  private static final Model CNN =
      model(
          new Layer("conv1", "Conv", tensor("c1", new float[8 * 25], 8, 1, 5, 5), null, 0),
          new Layer("conv2", "Conv", tensor("c2", new float[16 * 200], 16, 8, 5, 5), null, 0),
          new Layer("fc1", "Gemm", tensor("f1", new float[128 * 256], 128, 256), null, 0),
          new Layer("fc2", "Gemm", tensor("f2", new float[10 * 128], 10, 128), null, 0));

  /** MiniLM-like: a Gather embedding and MatMuls stored [in, out] (channel axis 1). */
  private static final Model BERT =
      model(
          new Layer(
              "word_embeddings", "Gather", tensor("e", new float[100 * 384], 100, 384), null, 0),
          new Layer("query", "MatMul", tensor("q", new float[384 * 384], 384, 384), null, 1),
          new Layer(
              "intermediate", "MatMul", tensor("i", new float[384 * 1536], 384, 1536), null, 1),
          new Layer("output", "MatMul", tensor("o", new float[1536 * 384], 1536, 384), null, 1));

  @Test
  void onnxRuntimeInt4PresetsTouchOnlyMatMuls() {
    for (String id : new String[] {"int4", "int4-g128-asym"}) {
      Scheme int4 = Scheme.parse(id.equals("int4") ? "int4:g32:sym" : "int4:g128:asym");
      PrecisionPlan cnn = plan(id, CNN);
      for (Layer l : CNN.layers()) {
        assertEquals(FP32, cnn.schemeFor(l.name()), id + " leaves Conv and Gemm in float");
      }
      PrecisionPlan bert = plan(id, BERT);
      assertEquals(FP32, bert.schemeFor("word_embeddings"), id);
      assertEquals(int4, bert.schemeFor("query"), id);
      assertEquals(int4, bert.schemeFor("output"), id);
    }
  }

  @Test
  void nncfInt8AsymCompressesMatMulsEmbeddingsAndConvolutions() {
    for (Model m : new Model[] {CNN, BERT}) {
      PrecisionPlan p = plan("nncf-int8-asym", m);
      m.layers().forEach(l -> assertEquals(NNCF8, p.schemeFor(l.name()), l.name()));
    }
  }

  @Test
  void nncfInt4KeepsEmbeddingsConvolutionsAndTheLastMatMulAtInt8() {
    PrecisionPlan bert = plan("nncf-int4-sym", BERT);
    assertEquals(NNCF8, bert.schemeFor("word_embeddings"));
    assertEquals(NNCF4, bert.schemeFor("query"));
    assertEquals(NNCF4, bert.schemeFor("intermediate"));
    assertEquals(NNCF8, bert.schemeFor("output"), "the last MatMul");
    PrecisionPlan cnn = plan("nncf-int4-sym", CNN);
    assertEquals(NNCF8, cnn.schemeFor("conv1"));
    assertEquals(NNCF8, cnn.schemeFor("conv2"));
    assertEquals(NNCF4, cnn.schemeFor("fc1"), "256 weights per row: two groups of 128");
    assertEquals(NNCF8, cnn.schemeFor("fc2"), "the last MatMul");
  }

  @Test
  void nncfInt4OnALlamaKeepsTheHeadAndEmbeddingAtInt8() {
    PrecisionPlan hf = plan("nncf-int4-sym", LlamaModels.huggingFace(2));
    assertEquals(NNCF8, hf.schemeFor("lm_head"), "lm_head is the last MatMul though stored first");
    assertEquals(NNCF8, hf.schemeFor("model.embed_tokens"));
    assertEquals(NNCF4, hf.schemeFor("model.layers.1.self_attn.v_proj"));
    // ffn_down rows of 1376 are not a multiple of 128: NNCF would stop; the preset keeps INT8.
    assertEquals(NNCF8, hf.schemeFor("model.layers.0.mlp.down_proj"));
  }

  /**
   * Four ratio-defining MatMuls of 4 × 128 weights, the same pattern scaled by 1, 2, 4, 8 (powers
   * of two scale NNCF's INT8 error by exactly 1, 4, 16, 64), then a head. Sorted by INT8 error,
   * largest first: x8 (25% of the weights), x4 (50%), x2 (75%), x1 would make 100% ≥ 80% → stops.
   */
  @Test
  void nncfRatioSendsTheLargestInt8ErrorsToInt4UntilTheShareOfWeightsIsReached() {
    float[] base = InMemoryModels.gaussian(4 * 128, 7);
    Model m =
        model(
            matMul("x1", base, 1),
            matMul("x8", base, 8),
            matMul("x2", base, 2),
            matMul("x4", base, 4),
            matMul("head", base, 1));
    assertEquals(
        64 * NncfSensitivity.int8AsymError(m.layers().get(0)),
        NncfSensitivity.int8AsymError(m.layers().get(1)),
        1e-12 * NncfSensitivity.int8AsymError(m.layers().get(1)));
    PrecisionPlan p = plan("nncf-int4-sym-r0.8", m);
    assertEquals(Set.of("x2", "x4", "x8"), layersAt(p, m, NNCF4));
    assertEquals(Set.of("head", "x1"), layersAt(p, m, NNCF8));
    // Ratio 0.5: x8 makes 25%, x4 would make exactly 50% ≥ 0.5 → the walk stops after x8.
    assertEquals(Set.of("x8"), layersAt(NncfPresets.int4Sym(m, 0.5), m, NNCF4));
  }

  @Test
  void nncfRatioIsAShareOfWeightsNotOfLayers() {
    float[] base = InMemoryModels.gaussian(12 * 128, 3);
    Model m =
        model(
            matMul("small1", java.util.Arrays.copyOf(base, 512), 1),
            matMul("big", base, 8),
            matMul("small2", java.util.Arrays.copyOf(base, 512), 2),
            matMul("head", java.util.Arrays.copyOf(base, 512), 1));
    // big: 1536 of 2560 weights = 60% < 80%; adding small2 makes 80% ≥ 80% → stop.
    assertEquals(Set.of("big"), layersAt(plan("nncf-int4-sym-r0.8", m), m, NNCF4));
  }

  @Test
  void mlxQuantizesLinearAndEmbeddingRowsThatDivideIntoGroupsOf64() {
    Scheme mlx4 = Scheme.parse("int4:g64:asym:mlx");
    PrecisionPlan cnn = plan("mlx-4bit", CNN);
    assertEquals(FP32, cnn.schemeFor("conv1"), "convolutions have no to_quantized");
    assertEquals(mlx4, cnn.schemeFor("fc1"));
    assertEquals(mlx4, cnn.schemeFor("fc2"));
    PrecisionPlan bert = plan("mlx-8bit", BERT);
    BERT.layers()
        .forEach(l -> assertEquals(Scheme.parse("int8:g64:asym:mlx"), bert.schemeFor(l.name())));
    // ffn_down rows of 1376 = 21·64 + 32: MLX leaves them in float.
    PrecisionPlan llama = plan("mlx-4bit", LlamaModels.gguf(2));
    assertEquals(FP32, llama.schemeFor("blk.0.ffn_down"));
    assertEquals(mlx4, llama.schemeFor("blk.0.ffn_up"));
    assertEquals(mlx4, llama.schemeFor("token_embd"));
  }

  /** The llama.cpp presets' wiring, with type names standing in for the ggml schemes. */
  @Test
  void llamaCppPlanCarriesTheRuleTypesPerLayer() {
    Map<String, Scheme> stand =
        Map.of(
            "q4_k", Scheme.parse("int4:g32:sym"),
            "q6_k", Scheme.parse("int6:g16:sym"),
            "q5_0", Scheme.parse("int5:g32:sym"),
            "q8_0", Scheme.parse("int8:g32:sym"));
    for (Model m : new Model[] {LlamaModels.gguf(8), LlamaModels.huggingFace(8)}) {
      PrecisionPlan p = LlamaCppPresets.plan(m, FileType.Q4_K_M, stand::get);
      boolean gguf = m.layers().get(0).name().equals("token_embd");
      String v = gguf ? "blk.%d.attn_v" : "model.layers.%d.self_attn.v_proj";
      String down = gguf ? "blk.%d.ffn_down" : "model.layers.%d.mlp.down_proj";
      for (int b = 0; b < 8; b++) {
        boolean more = b == 0 || b == 3 || b == 6 || b == 7;
        assertEquals(stand.get(more ? "q6_k" : "q4_k"), p.schemeFor(String.format(v, b)));
        assertEquals(stand.get(more ? "q8_0" : "q5_0"), p.schemeFor(String.format(down, b)));
      }
      assertEquals(stand.get("q6_k"), p.schemeFor(gguf ? "output" : "lm_head"));
      assertEquals(m.layers().size(), p.layers().size());
    }
  }

  @Test
  void ggmlTypeNamesBecomeSchemeTextAndF16IsTheCast() {
    assertEquals(Scheme.parse("fp16"), LlamaCppPresets.ggmlScheme(LlamaCppRules.F16));
    assertTrue(LlamaCppPresets.all(t -> FP32).stream().allMatch(p -> p.id().startsWith("llama-")));
  }

  @Test
  void toolchainSchemesRunThroughTheAnalysisAndTheLayerDetail() throws Exception {
    Model m =
        model(
            new Layer(
                "a", "MatMul", tensor("wa", InMemoryModels.gaussian(8 * 256, 1), 8, 256), null, 0),
            new Layer(
                "b", "MatMul", tensor("wb", InMemoryModels.gaussian(8 * 256, 2), 8, 256), null, 0));
    java.util.List<Scheme> schemes =
        java.util.List.of(
            NNCF8, NNCF4, Scheme.parse("int4:g64:asym:mlx"), Scheme.parse("int8:g64:asym:mlx"));
    ModelAnalysis analysis =
        new Analyzer(new AnalysisCache())
            .analyze(m, new AnalysisOptions(schemes, 16, 1), AnalysisProgress.NONE, () -> false);
    for (String id : new String[] {"nncf-int4-sym", "mlx-4bit", "mlx-8bit", "nncf-int8-asym"}) {
      PrecisionPlan plan = plan(id, m);
      assertEquals(Set.of(), PlanSummary.missingSchemes(analysis, plan), id);
      assertEquals(2, PlanSummary.of(analysis, plan).layers().size(), id);
    }
    for (Scheme s : schemes) {
      LayerDetail d = LayerDetail.compute(m.layers().get(0), s, () -> false);
      assertTrue(d.sqnrDb() > (s.format().bits() == 8 ? 35 : 15), s + ": " + d.sqnrDb());
    }
  }

  private static Layer matMul(String name, float[] base, float factor) {
    float[] w = new float[base.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = base[i] * factor;
    }
    return new Layer(name, "MatMul", tensor("w_" + name, w, w.length / 128, 128), null, 0);
  }

  private static Set<String> layersAt(PrecisionPlan plan, Model m, Scheme scheme) {
    Set<String> names = new TreeSet<>();
    m.layers().stream()
        .filter(l -> plan.schemeFor(l.name()).equals(scheme))
        .forEach(l -> names.add(l.name()));
    return names;
  }
}
