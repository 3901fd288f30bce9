package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.Scheme;
import io.quantlens.testing.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cost estimates against hand-computed figures and the orderings they must keep. */
class CostModelTest {
  private static final Path CNN =
      Path.of(System.getProperty("basedir", "."), "sample-models", "mnist-cnn", "mnist-cnn.onnx");

  @TempDir Path dir;

  private static Sourced given(double value) {
    return new Sourced(value, "test", false);
  }

  /**
   * Round numbers: FP32 and INT8 units, 1 GMAC/s and 4 GMAC/s, 1 GB/s, 1 pJ and 0.25 pJ per MAC.
   */
  static HardwareProfile toyDevice() {
    return new HardwareProfile(
        "toy",
        "Toy",
        "reference",
        "none",
        Map.of(Precision.FP32, given(1e9), Precision.INT8, given(4e9)),
        given(1e9),
        given(10),
        given(1),
        Map.of(Precision.FP32, given(1e-12), Precision.INT8, given(0.25e-12)),
        given(100e-12),
        "");
  }

  static CostAssumptions ideal() {
    return new CostAssumptions(1, 1, false, 10, 1.5, 0.5);
  }

  private static CostComparison cost(
      Model model, String scheme, HardwareProfile hw, CostAssumptions a) throws Exception {
    Workload workload = Workload.defaults();
    WorkloadCosts measured = WorkloadShapes.measure(model.source(), model, workload);
    // integer weights compute in integer units only with integer activations: W8A8, W4A4
    PrecisionPlan plan = PrecisionPlan.uniform(Scheme.parse(scheme));
    if (plan.defaultScheme().format() instanceof IntFormat i) {
      plan = plan.withActivations(ActivationScheme.parse("int" + i.bits() + ":dynamic"));
    }
    return new CostComparison(
        CostModel.estimate(model, measured, workload, plan, hw, a),
        CostModel.estimateAsStored(model, measured, workload, hw, a),
        CostModel.estimate(model, measured, workload, PrecisionPlan.fp32(), hw, a));
  }

  /** x [N, 256] · W [256, 64], the weights all zero (their values do not enter the cost). */
  private Path matMul256x64(String name) throws Exception {
    return new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, "N", 256)
        .initializer(OnnxTestModel.floats("w", new long[] {256, 64}, new float[256 * 64]))
        .node("MatMul", "mm", List.of("x", "w"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, "N", 64)
        .write(dir.resolve(name));
  }

  @Test
  void aSaturatedDeviceDrawsItsWorkingPowerAndIdlePowerOnce() throws Exception {
    // The matmul of oneMatMulByHand at int8: 16.64 µs per inference, so X = 60,096/s. Asked for
    // 10⁶/s it serves X and never waits: P = E · X = (MAC + DRAM energy) / t + 1 W.
    Path file = matMul256x64("busy.onnx");
    CostAssumptions flatOut = new CostAssumptions(1, 1, false, 1e6, 1.5, 0.5);
    CostComparison c = cost(ModelFiles.open(file), "int8:channel:sym", toyDevice(), flatOut);
    double working = (16_384 * 0.25e-12 + 16_640 * 100e-12) / 16.64e-6 + 1;
    assertEquals(working, c.plan().averageWatts(), 1e-9);
    assertEquals(1 / 16.64e-6, c.plan().throughput(), 1e-6);
  }

  @Test
  void atLowRatesIdlePowerDominatesAndPueScalesTheWallEnergy() throws Exception {
    Path file = matMul256x64("rates.onnx");
    CostComparison c = cost(ModelFiles.open(file), "int8:channel:sym", toyDevice(), ideal());
    ModelCost base = c.plan();
    double e = base.joulesPerInference();
    double x = base.throughput();
    double idle = toyDevice().idleWatts().value();
    for (double rate : new double[] {0.1, 100, 1e4, x, 1e7}) {
      ModelCost at = base.atUse(rate, 1.2);
      double r = Math.min(rate, x);
      // P = E·r + P_idle·(1 − r/X), the device saturating at X.
      assertEquals(e * r + idle * (1 - r / x), at.averageWatts(), 1e-9 * at.averageWatts());
      assertEquals(
          at.averageWatts() * ModelCost.SECONDS_PER_YEAR * 1.2 / ModelCost.JOULES_PER_KWH,
          at.kwhPerYear(),
          1e-9 * at.kwhPerYear());
      assertEquals(base.joules(), at.joules(), 0, "the use changes no layer's energy");
    }
    assertEquals(idle, base.atUse(1e-9, 1).averageWatts(), 1e-6, "an idle device draws P_idle");
  }

  @Test
  void oneMatMulByHand() throws Exception {
    // x [1, 256] · W [256, 64]: 16,384 MACs; FP32 weights 65,536 B; int8 per channel 16,384 B
    // codes + 64 float32 scales = 16,640 B.
    Path file = matMul256x64("mm.onnx");
    CostComparison c = cost(ModelFiles.open(file), "int8:channel:sym", toyDevice(), ideal());
    LayerCost fp32 = c.fp32().layers().get(0);
    LayerCost int8 = c.plan().layers().get(0);
    assertEquals(16_384, int8.macs());
    assertEquals(65_536, fp32.weightBytes());
    assertEquals(16_640, int8.weightBytes());
    // FP32: compute 16,384 / 1e9 = 16.384 µs; memory 65,536 / 1e9 = 65.536 µs → memory-bound.
    assertEquals(65.536e-6, fp32.seconds(), 1e-15);
    assertTrue(fp32.memoryBound());
    // INT8: compute 16,384 / 4e9 = 4.096 µs; memory 16.64 µs.
    assertEquals(4.096e-6, int8.computeSeconds(), 1e-15);
    assertEquals(16.64e-6, int8.memorySeconds(), 1e-15);
    // Energy: 16,384·0.25 pJ + 16,640 B·100 pJ + 1 W·16.64 µs.
    assertEquals(16_384 * 0.25e-12 + 16_640 * 100e-12 + 16.64e-6, int8.joules(), 1e-15);
    assertEquals(100 * (1 - 16_640.0 / 65_536), c.sizeSaving(), 1e-9);
    // Average power at 10/s: E·10 + 1 W for the 1 − 10 · 16.64 µs of each second spent waiting
    // (E holds the idle watt while working); a year at PUE 1.5.
    double e = c.plan().joulesPerInference();
    double p = e * 10 + 1 * (1 - 10 * 16.64e-6);
    assertEquals(p, c.plan().averageWatts(), 1e-12);
    assertEquals(p * 365 * 24 * 3600 * 1.5 / 3.6e6, c.plan().kwhPerYear(), 1e-9);
    assertEquals(c.plan().kwhPerYear() * 0.5, c.plan().kgCo2PerYear(), 1e-12);
    assertEquals(e * 1e6 * 1.5 / 3.6e6, c.plan().kwhPerMillionInferences(), 1e-15);
    List<Explanation> why = c.explain(int8);
    assertEquals(int8.seconds(), why.get(0).value());
    assertEquals("memory-bound", why.get(0).note());
    assertEquals(
        0.25e-12,
        why.get(1).terms().stream()
            .filter(t -> t.symbol().equals("E_mac"))
            .findFirst()
            .orElseThrow()
            .value());
  }

  @Test
  void theFp32PlanSavesNothing() throws Exception {
    HardwareProfile h100 = HardwareProfiles.builtIn().byId("nvidia-h100-sxm").orElseThrow();
    CostComparison c = cost(ModelFiles.open(CNN), "fp32", h100, CostAssumptions.defaults());
    assertEquals(0.0, c.sizeSaving());
    assertEquals(0.0, c.dramBytesSaving());
    assertEquals(0.0, c.timeSaving());
    assertEquals(0.0, c.energySaving());
    assertEquals(0.0, c.powerSaving());
  }

  @Test
  void int8WeightsAreAQuarterPlusTheirScales() throws Exception {
    HardwareProfile h100 = HardwareProfiles.builtIn().byId("nvidia-h100-sxm").orElseThrow();
    CostComparison c =
        cost(ModelFiles.open(CNN), "int8:channel:sym", h100, CostAssumptions.defaults());
    Model model = ModelFiles.open(CNN);
    for (int i = 0; i < model.layers().size(); i++) {
      var layer = model.layers().get(i);
      long weights = layer.weight().elementCount();
      long channels = layer.weight().dim(layer.channelAxis());
      long bias = layer.bias().elementCount() * 4;
      assertEquals(weights * 4 + bias, c.fp32().layers().get(i).weightBytes(), layer.name());
      assertEquals(
          weights + channels * 4 + bias, c.plan().layers().get(i).weightBytes(), layer.name());
    }
  }

  @Test
  void fewerBitsNeverCostMore() throws Exception {
    HardwareProfile a100 = HardwareProfiles.builtIn().byId("nvidia-a100-sxm-80gb").orElseThrow();
    Model model = ModelFiles.open(TestModels.miniLm());
    List<String> schemes = List.of("fp32", "fp16", "int8:channel:sym", "int4:g32:sym");
    ModelCost previous = null;
    for (String scheme : schemes) {
      ModelCost now = cost(model, scheme, a100, CostAssumptions.defaults()).plan();
      if (previous != null) {
        assertTrue(now.modelBytes() < previous.modelBytes(), scheme);
        assertTrue(now.dramBytes() < previous.dramBytes(), scheme);
        assertTrue(now.seconds() <= previous.seconds(), scheme);
        assertTrue(now.joules() < previous.joules(), scheme);
      }
      previous = now;
    }
  }

  @Test
  void int4WithoutInt4UnitsSavesStorageOnly() throws Exception {
    HardwareProfile h100 = HardwareProfiles.builtIn().byId("nvidia-h100-sxm").orElseThrow();
    Model model = ModelFiles.open(CNN);
    CostComparison int4 = cost(model, "int4:channel:sym", h100, CostAssumptions.defaults());
    CostComparison int8 = cost(model, "int8:channel:sym", h100, CostAssumptions.defaults());
    LayerCost fc1 = int4.plan().layers().get(2);
    assertEquals(Precision.INT4, fc1.compute().requested());
    assertEquals(Precision.INT8, fc1.compute().used());
    assertFalse(fc1.compute().isNative());
    assertEquals(4, int4.plan().emulated().size());
    assertEquals(int8.plan().layers().get(2).computeSeconds(), fc1.computeSeconds());
    assertTrue(fc1.weightBytes() < int8.plan().layers().get(2).weightBytes());
  }

  @Test
  void anEmbeddingLookupReadsOnlyItsRows() throws Exception {
    HardwareProfile a100 = HardwareProfiles.builtIn().byId("nvidia-a100-sxm-80gb").orElseThrow();
    Model model = ModelFiles.open(TestModels.miniLm());
    LayerCost words = cost(model, "fp32", a100, CostAssumptions.defaults()).fp32().layers().get(0);
    assertEquals("/embeddings/word_embeddings/Gather", words.name());
    assertEquals(30522L * 384 * 4, (long) words.weightBytes());
    assertEquals(128L * 384 * 4, (long) words.dramBytes()); // 128 tokens of 384 floats
  }
}
