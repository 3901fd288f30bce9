package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelMetadata;
import io.quantlens.model.Tensor;
import io.quantlens.quant.Scheme;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Costs of a graphless (safetensors-like) model, checked against counts worked out by hand. */
class LayerOnlyWorkloadsTest {
  private static Tensor tensor(String name, long... shape) {
    return new Tensor(name, DType.FLOAT16, shape, (s, d, o, c) -> {});
  }

  // An embedding of 1000 × 64 and a projection of 256 × 64 ([out, in], as PyTorch stores it).
  private static final Layer EMBED =
      new Layer("embed_tokens", "Gather", tensor("e", 1000, 64), null, 0);
  private static final Layer PROJ = new Layer("q_proj", "MatMul", tensor("q", 256, 64), null, 0);
  private static final Model MODEL =
      new Model(
          Path.of("m.safetensors"),
          new ModelMetadata("safetensors", "", 0, Map.of()),
          List.of(),
          List.of(),
          List.of(EMBED, PROJ),
          List.of(EMBED.weight(), PROJ.weight()));

  @Test
  void eachTokenRunsEveryProjectionAndLooksUpOneEmbeddingRow() throws Exception {
    Workload w = new Workload(2, Map.of("tokens", 5L));
    WorkloadCosts costs = WorkloadShapes.measure(MODEL.source(), MODEL, w);

    NodeCost proj = costs.forLayer(PROJ).orElseThrow();
    assertEquals(2 * 5 * 256 * 64, proj.macs());
    assertArrayEquals(new long[] {2, 5, 256}, proj.outputShape());
    assertEquals(10 * 64 * 4, proj.activationBytesRead());
    assertEquals(10 * 256 * 4, proj.activationBytesWritten());

    NodeCost embed = costs.forLayer(EMBED).orElseThrow();
    assertEquals(0, embed.macs());
    assertArrayEquals(new long[] {2, 5, 64}, embed.outputShape());
    assertEquals(Map.of("batch", 2L, "tokens", 5L), costs.effectiveDims());
  }

  @Test
  void theEmbeddingReadsOnlyTheRowsItLooksUp() throws Exception {
    Workload w = new Workload(1, Map.of("tokens", 10L));
    WorkloadCosts costs = WorkloadShapes.measure(MODEL.source(), MODEL, w);
    ModelCost cost =
        CostModel.estimate(
            MODEL,
            costs,
            w,
            PrecisionPlan.uniform(Scheme.parse("fp16")),
            HardwareProfiles.builtIn().all().get(0),
            CostAssumptions.defaults());
    LayerCost embed = cost.layers().get(0);
    // 10 of 1000 rows, 2 bytes per FP16 weight.
    assertEquals(1000 * 64 * 2.0, embed.weightBytes());
    assertEquals(10 * 64 * 2.0, embed.dramBytes(), 1e-9);
  }

  @Test
  void defaultsToTokensOfTheSequenceLengthAndRefusesOtherDims() {
    assertEquals(List.of(LayerOnlyWorkloads.TOKENS), LayerOnlyWorkloads.inputs(MODEL));
    assertEquals(
        Map.of("batch", 1L, "tokens", Workload.DEFAULT_SEQUENCE),
        Workload.defaults().effectiveDims(LayerOnlyWorkloads.inputs(MODEL)));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WorkloadShapes.measure(
                    MODEL.source(), MODEL, new Workload(1, Map.of("height", 3L))));
    assertEquals(true, e.getMessage().contains("tokens"), e.getMessage());
  }
}
