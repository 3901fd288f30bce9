package io.quantlens.analysis;

import static io.quantlens.analysis.InMemoryModels.model;
import static io.quantlens.analysis.InMemoryModels.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanPresetsTest {
  private static Layer layer(String name, int n) {
    return new Layer(name, "MatMul", tensor("w_" + name, new float[n], n), null, 0);
  }

  private static final Model THREE = model(layer("first", 4), layer("middle", 4), layer("last", 4));

  /** What quantize_dynamic does per operator (operators/matmul.py, conv.py, gather.py). */
  @Test
  void ortDynamicTreatsEachOperatorAsOnnxRuntimeDoes() {
    Model m =
        model(
            layer("mm", 4),
            new Layer("conv", "Conv", tensor("w_conv", new float[4], 4), null, 0),
            new Layer("emb", "Gather", tensor("w_emb", new float[4], 4), null, 0),
            new Layer("fc", "Gemm", tensor("w_fc", new float[4], 4), null, 0));
    PrecisionPlan defaults = PlanPresets.byId("ort-dynamic").orElseThrow().planFor(m);
    PrecisionPlan perChannel = PlanPresets.byId("ort-dynamic-per-channel").orElseThrow().planFor(m);
    assertEquals("int8:tensor:sym", defaults.schemeFor("mm").id());
    assertEquals("int8:channel:sym:reduce", perChannel.schemeFor("mm").id());
    for (PrecisionPlan plan : List.of(defaults, perChannel)) {
      assertEquals("int8:tensor:sym", plan.schemeFor("conv").id());
      assertEquals("int8:tensor:sym:unsigned", plan.schemeFor("emb").id());
      assertEquals("fp32", plan.schemeFor("fc").id());
      assertEquals("int8:tensor:asym:dynamic", plan.activationFor("mm").id());
      assertEquals("int8:tensor:asym:dynamic", plan.activationFor("conv").id());
      assertEquals("fp32", plan.activationFor("emb").id());
      assertEquals("fp32", plan.activationFor("fc").id());
    }
  }

  @Test
  void presetsComeInMenuOrderWithUniqueIds() {
    assertEquals(
        List.of(
            "fp32",
            "fp16",
            "bf16",
            "fp8e4m3",
            "int8",
            "int8-tensor-asym",
            "int4",
            "int4-g128-asym",
            "int4-int8-ends",
            "ort-static-int8",
            "full-int8",
            "ort-dynamic",
            "ort-dynamic-per-channel",
            "w8a8-smoothquant",
            "w4a16",
            "llama-q8_0",
            "llama-q4_0",
            "llama-q4_k_m",
            "nncf-int8-asym",
            "nncf-int4-sym",
            "nncf-int4-sym-r0.8",
            "mlx-4bit",
            "mlx-8bit"),
        PlanPresets.all().stream().map(PlanPreset::id).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "fp32, fp32",
    "fp16, fp16",
    "bf16, bf16",
    "fp8e4m3, fp8e4m3",
    "int8, int8:channel:sym",
    "int8-tensor-asym, int8:tensor:asym"
  })
  void uniformPresetsGiveEveryLayerOneScheme(String id, String scheme) {
    PrecisionPlan plan = PlanPresets.byId(id).orElseThrow().planFor(THREE);
    assertEquals(Scheme.parse(scheme), plan.defaultScheme());
    assertEquals(Map.of(), plan.layers());
  }

  @Test
  void int4WithInt8EndsSetsTheFirstAndLastWeightLayers() {
    PrecisionPlan plan = PlanPresets.byId("int4-int8-ends").orElseThrow().planFor(THREE);
    assertEquals(Scheme.parse("int8:channel:sym"), plan.schemeFor("first"));
    assertEquals(Scheme.parse("int4:g32:sym"), plan.schemeFor("middle"));
    assertEquals(Scheme.parse("int8:channel:sym"), plan.schemeFor("last"));
    Map<String, Scheme> ends = new LinkedHashMap<>();
    ends.put("first", Scheme.parse("int8:channel:sym"));
    ends.put("last", Scheme.parse("int8:channel:sym"));
    assertEquals(new PrecisionPlan(Scheme.parse("int4:g32:sym"), ends), plan);
  }

  @Test
  void int4WithInt8EndsSkipsLayersWithoutWeightsAndHandlesOneLayer() {
    PlanPreset ends = PlanPresets.byId("int4-int8-ends").orElseThrow();
    Model withEmpty = model(layer("empty", 0), layer("only", 4), layer("void", 0));
    PrecisionPlan plan = ends.planFor(withEmpty);
    assertEquals(Map.of("only", Scheme.parse("int8:channel:sym")), plan.layers());
    assertEquals(Scheme.parse("int4:g32:sym"), plan.schemeFor("empty"));
    assertEquals(
        PrecisionPlan.uniform(Scheme.parse("int4:g32:sym")), ends.planFor(model()), "no layers");
  }

  @Test
  void genericPresetsNeedNoSchemeBeyondTheDefaultAnalysis() throws Exception {
    Set<Scheme> allowed =
        Set.of(
            Scheme.parse("fp32"),
            Scheme.parse("fp16"),
            Scheme.parse("bf16"),
            Scheme.parse("fp8e4m3"),
            Scheme.parse("int8:channel:sym"),
            Scheme.parse("int8:tensor:asym"),
            Scheme.parse("int4:g32:sym"),
            Scheme.parse("int4:g128:asym"));
    Model m =
        model(
            new Layer("a", "MatMul", tensor("wa", InMemoryModels.gaussian(64, 1), 8, 8), null, 1),
            new Layer("b", "MatMul", tensor("wb", InMemoryModels.gaussian(64, 2), 8, 8), null, 1));
    ModelAnalysis analysis =
        new Analyzer(new AnalysisCache())
            .analyze(
                m,
                new AnalysisOptions(AnalysisOptions.defaultSchemes(), 8, 1),
                AnalysisProgress.NONE,
                () -> false);
    for (PlanPreset preset : PlanPresets.all()) {
      if (preset.id().startsWith("nncf-")
          || preset.id().startsWith("mlx-")
          || preset.id().startsWith("ort-dynamic")
          || preset.id().equals("full-int8")) {
        // Toolchain presets bring their own schemes (TFLite's and quantize_dynamic's per-tensor
        // weights, reduce_range's codes).
        continue;
      }
      PrecisionPlan plan = preset.planFor(m);
      for (Layer l : m.layers()) {
        assertTrue(allowed.contains(plan.schemeFor(l.name())), preset.id());
      }
      assertEquals(Set.of(), PlanSummary.missingSchemes(analysis, plan), preset.id());
      assertEquals(2, PlanSummary.of(analysis, plan).layers().size());
    }
  }

  @Test
  void everyPresetIsDescribedInOneSentenceAndNamesASource() {
    for (PlanPreset p : PlanPresets.all()) {
      assertFalse(p.name().isBlank(), p.id());
      assertTrue(p.description().endsWith("."), p.id());
      assertFalse(
          p.description().substring(0, p.description().length() - 1).contains(". "), p.id());
      assertFalse(p.source().isBlank(), p.id());
    }
  }

  @Test
  void unknownIdsFindNothing() {
    assertEquals(Optional.empty(), PlanPresets.byId("int3"));
    assertEquals("int8", PlanPresets.byId("int8").orElseThrow().id());
  }
}
