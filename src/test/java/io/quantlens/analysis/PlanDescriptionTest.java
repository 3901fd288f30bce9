package io.quantlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import org.junit.jupiter.api.Test;

/** A plan in a few words: English as the status bar has always written it, and Vietnamese. */
class PlanDescriptionTest {
  private static final Messages EN = Language.ENGLISH.messages();
  private static final Messages VI = Language.VIETNAMESE.messages();

  private static Layer layer(String name) {
    return new Layer(name, "MatMul", InMemoryModels.tensor(name, new float[4], 2, 2), null, 0);
  }

  private static final Model FIVE =
      InMemoryModels.model(layer("a"), layer("b"), layer("c"), layer("d"), layer("e"));

  @Test
  void uniformAndMixedPlansReadAsBefore() {
    PrecisionPlan int8 = PrecisionPlan.uniform(Scheme.parse("int8:channel:sym"));
    assertEquals("int8:channel:sym for all 5 layers", PlanDescription.of(int8, FIVE, EN));
    assertEquals("int8:channel:sym cho cả 5 lớp", PlanDescription.of(int8, FIVE, VI));
    PrecisionPlan mixed =
        int8.with("a", Scheme.parse("fp16"))
            .with("b", Scheme.parse("int4:g32:sym"))
            .with("c", Scheme.parse("fp32"));
    assertEquals(
        "mixed: 2 int8:channel:sym, 1 fp16, 1 int4:g32:sym, 1 in 1 other scheme",
        PlanDescription.of(mixed, FIVE, EN));
    assertEquals(
        "hỗn hợp: 2 int8:channel:sym, 1 fp16, 1 int4:g32:sym, 1 trong 1 sơ đồ khác",
        PlanDescription.of(mixed, FIVE, VI));
    assertEquals(mixed.describe(FIVE), PlanDescription.of(mixed, FIVE, EN));
  }

  @Test
  void biasCorrectionActivationsAndSmoothQuantJoinTheWeights() {
    PrecisionPlan plan =
        PrecisionPlan.fp32()
            .with("a", Scheme.parse("int8:channel:sym"))
            .withBiasCorrection("a", true)
            .withActivations(ActivationScheme.parse("int8:tensor:asym:static"))
            .withSmoothQuant(0.5);
    assertEquals(
        "fp32 + 1 layer (bias corrected on 1 layer), activations int8:tensor:asym:static,"
            + " SmoothQuant \u03b1 0.5",
        PlanDescription.of(plan, EN));
    assertEquals(
        "fp32 + 1 lớp (hiệu chỉnh độ lệch trên 1 lớp), kích hoạt int8:tensor:asym:static,"
            + " SmoothQuant \u03b1 0,5",
        PlanDescription.of(plan, VI));
    PrecisionPlan two = plan.with("b", Scheme.parse("fp16")).withBiasCorrection("b", true);
    assertEquals(
        "fp32 + 2 layers (bias corrected on 2 layers), activations int8:tensor:asym:static,"
            + " SmoothQuant \u03b1 0.5",
        two.describe());
  }
}
