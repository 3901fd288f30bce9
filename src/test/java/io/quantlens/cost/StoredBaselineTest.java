package io.quantlens.cost;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT16;
import static io.quantlens.formats.onnx.OnnxTestModel.INT8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.model.DType;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model as stored is the cost reference: its weights at their stored types' bytes. */
class StoredBaselineTest {
  @TempDir Path dir;

  @Test
  void fp16WeightsCostTwoBytesEachAndAnFp16PlanSavesNothingAgainstThem() throws Exception {
    // x [1, 4] · W [4, 3] with W stored as FP16: 12 weights · 2 B = 24 B as stored, 48 B at FP32.
    Path file =
        new OnnxTestModel()
            .input("x", FLOAT16, "N", 4)
            .initializer(OnnxTestModel.shorts("w", FLOAT16, new long[] {4, 3}, new int[12]))
            .node("MatMul", "mm", List.of("x", "w"), List.of("y"))
            .output("y", FLOAT16, "N", 3)
            .write(dir.resolve("fp16.onnx"));
    Model model = ModelFiles.open(file);
    assertEquals(DType.FLOAT16, model.layers().get(0).weight().dtype());

    CostComparison fp16 = cost(model, PrecisionPlan.uniform(Scheme.parse("fp16")));

    assertEquals(24, fp16.stored().modelBytes());
    assertEquals(48, fp16.fp32().modelBytes());
    assertEquals(24, fp16.plan().modelBytes());
    assertEquals(0, fp16.savingVsStored(ModelCost::modelBytes));
    assertEquals(50, fp16.savingVsFp32(ModelCost::modelBytes), 1e-12);
    assertEquals(200, fp16.percentOfStored(fp16.fp32(), ModelCost::modelBytes), 1e-12);
    assertEquals(100, fp16.percentOfStored(fp16.plan(), ModelCost::modelBytes));
    assertEquals(Precision.FP16, fp16.stored().layers().get(0).compute().requested());
    assertEquals("stored float16", fp16.stored().layers().get(0).scheme());
  }

  @Test
  void weightOnlyInt8QdqCostsItsCodesPlusScaleAndZeroPointAndComputesInFloat() throws Exception {
    // W_q int8 [4, 3] → DequantizeLinear(scale 0.5 float32, zero point int8 0) → MatMul, x float.
    // As stored: 12 codes · 1 B + scale 4 B + zero point 1 B = 17 B; FP32: 12 · 4 B + 5 B = 53 B.
    // The weights are dequantized into x's FP32, so the 12 MACs run at FP32: 12 · 1 pJ.
    Model model = ModelFiles.open(qdq(false).write(dir.resolve("qdq.onnx")));
    assertEquals(DType.INT8, model.layers().get(0).weight().dtype());
    assertEquals(DType.FLOAT32, model.layers().get(0).activations());

    CostComparison c = cost(model, PrecisionPlan.fp32());

    assertEquals(17, c.stored().modelBytes());
    assertEquals(53, c.fp32().modelBytes());
    LayerCost mm = c.stored().layers().get(0);
    assertEquals(12, mm.weightBytes());
    assertEquals(Precision.FP32, mm.compute().used());
    assertEquals(12, mm.macs());
    assertEquals(12 * 1e-12, mm.macJoules(), 1e-27);
    // the FP32 plan of an int8 file costs more than the file: a negative saving against it
    assertEquals(100 * (1 - 53 / 17.0), c.savingVsStored(ModelCost::modelBytes), 1e-9);
    // the plan that stores the weights as the file does computes as the file does
    CostComparison same = cost(model, PrecisionPlan.uniform(Scheme.parse("int8:tensor:sym")));
    assertEquals(Precision.FP32, same.plan().layers().get(0).compute().used());
    assertEquals(mm.macJoules(), same.plan().layers().get(0).macJoules(), 0);
  }

  @Test
  void staticQdqFeedsInt8ActivationsAndComputesInInt8() throws Exception {
    // x → QuantizeLinear → DequantizeLinear → MatMul with the QDQ weight: ONNX Runtime fuses the
    // pair into an integer MatMul, so the 12 MACs run at INT8: 12 · 0.25 pJ on the toy device.
    Model model = ModelFiles.open(qdq(true).write(dir.resolve("static.onnx")));
    assertEquals(DType.INT8, model.layers().get(0).activations());

    CostComparison c = cost(model, PrecisionPlan.fp32());

    LayerCost mm = c.stored().layers().get(0);
    assertEquals(Precision.INT8, mm.compute().used());
    assertEquals(12 * 0.25e-12, mm.macJoules(), 1e-27);
    // an FP32 plan keeps the file's int8 activations: float weights compute in their FP32
    assertEquals(Precision.FP32, c.plan().layers().get(0).compute().used());
  }

  @Test
  void aQ4kGgufFileCostsWhatItsOwnTypesAsAPlanCost() throws Exception {
    // Every layer Q4_K, fed ggml's F32 hidden state: dequantized into FP32 as stored and under the
    // plan that stores each layer as Q4_K, so the two estimates agree layer by layer.
    Path file =
        SyntheticModels.writeGguf(
            LlmShape.TINY, GgmlType.Q4_K, 1, dir.resolve("tiny-q4_k.gguf"), n -> {});
    Model model = ModelFiles.open(file);
    CostComparison c = cost(model, PrecisionPlan.uniform(Scheme.parse("q4_k")));
    for (int i = 0; i < model.layers().size(); i++) {
      LayerCost stored = c.stored().layers().get(i);
      LayerCost plan = c.plan().layers().get(i);
      assertEquals(Precision.FP32, stored.compute().used(), stored.name());
      assertEquals(stored.compute().used(), plan.compute().used(), stored.name());
      assertEquals(stored.weightBytes(), plan.weightBytes(), stored.name());
      assertEquals(stored.seconds(), plan.seconds(), 0, stored.name());
    }
    assertEquals(0, c.savingVsStored(ModelCost::seconds), 1e-12);
  }

  /** x [N, 4] · DequantizeLinear(W_q int8 [4, 3]); with {@code staticX} x is quantized too. */
  private static OnnxTestModel qdq(boolean staticX) {
    OnnxTestModel m =
        new OnnxTestModel()
            .input("x", FLOAT, "N", 4)
            .initializer(
                OnnxTestModel.bytes(
                    "w_q", INT8, new long[] {4, 3}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))
            .initializer(OnnxTestModel.floats("w_scale", new long[0], 0.5f))
            .initializer(OnnxTestModel.bytes("w_zero", INT8, new long[0], 0))
            .node("DequantizeLinear", "dq", List.of("w_q", "w_scale", "w_zero"), List.of("w"));
    String input = "x";
    if (staticX) {
      m.initializer(OnnxTestModel.floats("x_scale", new long[0], 0.1f))
          .initializer(OnnxTestModel.bytes("x_zero", INT8, new long[0], 0))
          .node("QuantizeLinear", "qx", List.of("x", "x_scale", "x_zero"), List.of("x_q"))
          .node("DequantizeLinear", "dqx", List.of("x_q", "x_scale", "x_zero"), List.of("x_dq"));
      input = "x_dq";
    }
    return m.node("MatMul", "mm", List.of(input, "w"), List.of("y")).output("y", FLOAT, "N", 3);
  }

  private static CostComparison cost(Model model, PrecisionPlan plan) throws Exception {
    Workload workload = Workload.defaults();
    WorkloadCosts measured = WorkloadShapes.measure(model.source(), model, workload);
    HardwareProfile hw = CostModelTest.toyDevice();
    CostAssumptions a = CostModelTest.ideal();
    return new CostComparison(
        CostModel.estimate(model, measured, workload, plan, hw, a),
        CostModel.estimateAsStored(model, measured, workload, hw, a),
        CostModel.estimate(model, measured, workload, PrecisionPlan.fp32(), hw, a));
  }
}
