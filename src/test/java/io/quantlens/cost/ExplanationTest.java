package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.Explanation.Quantity;
import io.quantlens.cost.Explanation.Term;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every explanation names each symbol of its formula, and its terms recompute its figure. */
class ExplanationTest {
  private static final Path CNN =
      Path.of(System.getProperty("basedir", "."), "sample-models", "mnist-cnn", "mnist-cnn.onnx");

  /** conv layers at INT8 per channel, the rest FP32: two compute precisions in one plan. */
  private static CostComparison mixedPlan() throws Exception {
    Model model = ModelFiles.open(CNN);
    HardwareProfile device =
        HardwareProfiles.builtIn().byId("nvidia-jetson-orin-nano-8gb").orElseThrow();
    CostAssumptions a = CostAssumptions.defaults();
    Workload workload = Workload.defaults();
    WorkloadCosts measured = WorkloadShapes.measure(model.source(), model, workload);
    PrecisionPlan plan =
        PrecisionPlan.fp32()
            .with("conv1", Scheme.parse("int8:channel:sym"))
            .with("conv2", Scheme.parse("int8:channel:sym"))
            .withActivation("conv1", ActivationScheme.parse("int8"))
            .withActivation("conv2", ActivationScheme.parse("int8"));
    return new CostComparison(
        CostModel.estimate(model, measured, workload, plan, device, a),
        CostModel.estimateAsStored(model, measured, workload, device, a),
        CostModel.estimate(model, measured, workload, PrecisionPlan.fp32(), device, a));
  }

  @Test
  void formulasNameEverySymbolTheyUse() throws Exception {
    CostComparison c = mixedPlan();
    List<Explanation> all = new ArrayList<>(c.explanations());
    for (LayerCost layer : c.plan().layers()) {
      all.addAll(c.explain(layer));
    }
    assertEquals(Quantity.values().length + 2 * c.plan().layers().size(), all.size());
    for (Explanation e : all) {
      assertEquals(List.of(), e.unnamedSymbols(), e.name() + ": " + e.formula());
      assertTrue(e.formulaSymbols().contains(e.symbol()), e.name());
    }
    assertEquals(
        List.of("t", "MACs_l", "η", "peak_l", "D_l", "η_mem", "BW", "batch"),
        c.explanation(Quantity.TIME).formulaSymbols());
  }

  @Test
  void theTermsRecomputeEachHeadlineFigure() throws Exception {
    CostComparison c = mixedPlan();
    ModelCost plan = c.plan();
    Explanation size = c.explanation(Quantity.MODEL_SIZE);
    assertEquals(plan.modelBytes(), size.value());
    assertEquals(size.value(), value(size, "S_layers") + value(size, "S_other"), 1e-6);

    Explanation dram = c.explanation(Quantity.DRAM_BYTES);
    assertEquals(plan.dramBytes() / plan.workload().batch(), dram.value());
    assertEquals(0.0, value(dram, "A"), "activations stay on chip by default");
    assertEquals(dram.value(), (value(dram, "W_read") + value(dram, "A")) / value(dram, "batch"));

    Explanation time = c.explanation(Quantity.TIME);
    assertEquals(plan.seconds() / plan.workload().batch(), time.value());
    assertTrue(Double.isNaN(value(time, "peak_l")), "int8 and fp32 layers: one peak each");
    Term peak = term(time, "peak_l");
    assertTrue(peak.source().contains("int8 ") && peak.source().contains("fp32 "), peak.source());

    Explanation energy = c.explanation(Quantity.ENERGY);
    double recomputed =
        (value(energy, "E_MAC")
                + value(energy, "D") * value(energy, "E_byte")
                + value(energy, "P_idle") * value(energy, "T"))
            / value(energy, "batch");
    assertEquals(energy.value(), recomputed, energy.value() * 1e-12);

    Explanation power = c.explanation(Quantity.AVERAGE_POWER);
    double served = Math.min(value(power, "r"), value(power, "X"));
    double p =
        value(power, "E") * served + value(power, "P_idle") * (1 - served / value(power, "X"));
    assertEquals(power.value(), p, 1e-12);
    assertEquals(
        plan.hardware().tdpWatts().value(), value(power, "TDP"), "TDP for the share shown");

    Explanation year = c.explanation(Quantity.ENERGY_PER_YEAR);
    assertEquals(
        year.value(),
        value(year, "P") * value(year, "s_year") * value(year, "PUE") / value(year, "J_kWh"),
        1e-9);
    Explanation co2 = c.explanation(Quantity.CO2_PER_YEAR);
    assertEquals(co2.value(), value(co2, "Y") * value(co2, "I"), 1e-12);
  }

  @Test
  void symbolsAreReadAroundOperatorsNumbersAndFunctions() {
    Explanation e =
        new Explanation(
            "output SQNR",
            "SQNR_out",
            30,
            "dB",
            "SQNR_out = 10·log10(Σ y² / Σ (y − ŷ)²); cos = mean_i ‖y_i‖ · 3.6·10⁶",
            List.of(new Term("y", "reference output", Double.NaN, "", "run")));
    assertEquals(List.of("SQNR_out", "y", "ŷ", "cos", "y_i"), e.formulaSymbols());
    assertEquals(List.of("ŷ", "cos", "y_i"), e.unnamedSymbols());
  }

  private static Term term(Explanation e, String symbol) {
    return e.terms().stream().filter(t -> t.symbol().equals(symbol)).findFirst().orElseThrow();
  }

  private static double value(Explanation e, String symbol) {
    return term(e, symbol).value();
  }
}
