package io.quantlens.analysis;

import static io.quantlens.analysis.InMemoryModels.model;
import static io.quantlens.analysis.InMemoryModels.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A plan described against the model it is for: the schemes its layers actually get. */
class PlanDescriptionTest {
  private static final Scheme INT4 = Scheme.parse("int4:g32:sym");
  private static final Scheme INT8 = Scheme.parse("int8:channel:sym");

  private static Model layers(int count) {
    return model(
        IntStream.range(0, count)
            .mapToObj(i -> new Layer("l" + i, "MatMul", tensor("w" + i, new float[4], 4), null, 0))
            .toArray(Layer[]::new));
  }

  /** Every layer listed with the same scheme: what a toolchain preset makes. */
  private static PrecisionPlan everyLayer(Model model, Scheme scheme) {
    Map<String, Scheme> all = new LinkedHashMap<>();
    model.layers().forEach(l -> all.put(l.name(), scheme));
    return new PrecisionPlan(PrecisionPlan.FP32, all);
  }

  @Test
  void aPlanListingEveryLayerNamesTheSchemeTheyAllGet() {
    Model forty = layers(40);
    PrecisionPlan plan = everyLayer(forty, INT8);
    assertEquals("fp32 + 40 layers", plan.describe());
    assertEquals("int8:channel:sym for all 40 layers", plan.describe(forty));
    assertEquals("int8:channel:sym for all 40 layers", PrecisionPlan.uniform(INT8).describe(forty));
    assertEquals("fp32 for all 40 layers", PrecisionPlan.fp32().describe(forty));
  }

  @Test
  void aMixedPlanCountsEachSchemeMostUsedFirst() {
    Model forty = layers(40);
    PrecisionPlan plan = everyLayer(forty, INT4).with("l0", PrecisionPlan.FP32);
    plan = plan.with("l39", PrecisionPlan.FP32);
    assertEquals("mixed: 38 int4:g32:sym, 2 fp32", plan.describe(forty));
    PrecisionPlan ends = PlanPresets.int4WithInt8Ends(forty);
    assertEquals("mixed: 38 int4:g32:sym, 2 int8:channel:sym", ends.describe(forty));
  }

  @Test
  void pastThreeSchemesTheRestAreSummedUp() {
    Model six = layers(6);
    PrecisionPlan plan =
        PrecisionPlan.uniform(INT4)
            .with("l1", INT8)
            .with("l2", INT8)
            .with("l3", Scheme.parse("fp16"))
            .with("l4", Scheme.parse("q8_0"))
            .with("l5", Scheme.parse("q6_k"));
    assertEquals(
        "mixed: 2 int8:channel:sym, 1 int4:g32:sym, 1 fp16, 2 in 2 other schemes",
        plan.describe(six));
    assertEquals(
        "mixed: 5 int8:channel:sym, 1 fp16",
        PrecisionPlan.uniform(INT8).with("l5", Scheme.parse("fp16")).describe(six));
  }

  @Test
  void layersTheModelLacksAreNotCountedAndOneLayerIsSaidSo() {
    Model one = layers(1);
    PrecisionPlan plan = PrecisionPlan.uniform(INT8).with("elsewhere", INT4);
    assertEquals("int8:channel:sym for the one layer", plan.describe(one));
    assertEquals("int8:channel:sym", plan.describe(layers(0)));
  }
}
