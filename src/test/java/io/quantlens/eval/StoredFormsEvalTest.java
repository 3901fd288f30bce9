package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.model.Model;
import io.quantlens.quant.HalfFloats;
import io.quantlens.quant.Scheme;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans evaluated on weights the file keeps in other forms than a plain FP32 initializer: the
 * metrics are those of the same weights stored plainly, and FP16 files are compared as stored.
 */
class StoredFormsEvalTest {
  private static final int K = ShapedModels.K;
  private static final Scheme INT8 = Scheme.parse("int8");

  @TempDir Path dir;

  @Test
  void aConstantOrTransposedWeightGivesTheMetricsOfThePlainInitializer() throws Exception {
    float[] w = EvalModels.gaussian(new java.util.SplittableRandom(3), K * K);
    Model plain = ModelFiles.open(probe("plain.onnx", w, false, false));
    EvalData data = GeneratedInputs.forModel(plain, 64, 11);
    EvalResult expected = evaluate(plain, data, INT8);
    assertEquals(Evaluator.FP32, expected.reference());
    assertTrue(expected.outputSqnrDb() > 30 && expected.outputSqnrDb() < 60, expected.toString());
    for (boolean constant : new boolean[] {true, false}) {
      Model other = ModelFiles.open(probe("other" + constant + ".onnx", w, constant, !constant));
      EvalResult r = evaluate(other, data, INT8);
      assertEquals(expected.outputSqnrDb(), r.outputSqnrDb(), 0.0, "constant " + constant);
      assertEquals(expected.meanKlDivergence(), r.meanKlDivergence(), 0.0);
      assertEquals(expected.meanCosine(), r.meanCosine(), 0.0);
    }
  }

  @Test
  void anFp16ModelIsComparedAsStoredWithTheHandWorkedSqnr() throws Exception {
    Path file =
        new OnnxTestModel()
            .input("x", OnnxTestModel.FLOAT16, "N", K)
            .initializer(
                OnnxTestModel.shorts(
                    "w",
                    OnnxTestModel.FLOAT16,
                    new long[] {K, K},
                    fp16(ShapedModels.diagonalWeights())))
            .node("MatMul", "probe", List.of("x", "w"), List.of("logits"))
            .output("logits", OnnxTestModel.FLOAT16, "N", K)
            .write(dir.resolve("fp16.onnx"));
    Model model = ModelFiles.open(file);
    ByteBuffer x = ByteBuffer.allocate(K * K * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : ShapedModels.identity()) {
      x.putShort(HalfFloats.toFp16(v));
    }
    EvalModels.save(
        dir.resolve("data/x.npy"), new NpyArray(NpyType.FLOAT16, new long[] {K, K}, x.flip()));
    EvalData data = EvalDataLoader.load(dir.resolve("data"), model, DataOrigin.FOLDER);
    EvalResult r = evaluate(model, data, INT8);
    assertEquals(Evaluator.AS_STORED, r.reference());
    // as in ShapedInputsTest, all values exact in FP16: int8 with scale 1 turns 0.25 into 0
    assertEquals(10 * Math.log10((4 * 127.0 * 127 + 0.0625) / 0.0625), r.outputSqnrDb(), 1e-9);
    EvalResult unchanged = evaluate(model, data, Scheme.parse("fp16"));
    assertEquals(Double.POSITIVE_INFINITY, unchanged.outputSqnrDb());
  }

  @Test
  void anIntegerOperatorsWeightIsRefusedBeforeTheReferenceRuns() throws Exception {
    Path file =
        new OnnxTestModel()
            .input("xq", OnnxTestModel.UINT8, "N", K)
            .initializer(
                OnnxTestModel.bytes("wq", OnnxTestModel.UINT8, new long[] {K, K}, new int[K * K]))
            .node("MatMulInteger", "mmi", List.of("xq", "wq"), List.of("acc"))
            .node("Cast", "cast", List.of("acc"), List.of("y"), OnnxTestModel.intAttribute("to", 1))
            .output("y", OnnxTestModel.FLOAT, "N", K)
            .write(dir.resolve("mmi.onnx"));
    Model model = ModelFiles.open(file);
    EvalData data = GeneratedInputs.forModel(model, 8, 1);
    try (Evaluator evaluator =
        new Evaluator(model, data, EvalTask.detect(model, null), options())) {
      EvalException e =
          assertThrows(
              EvalException.class,
              () -> evaluator.evaluate(PrecisionPlan.uniform(INT8), EvalProgress.NONE));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "layer 'mmi' cannot be changed for measured accuracy: its integer result is"
                      + " rescaled in a way QuantLens does not follow"),
          e.getMessage());
      assertEquals(
          Double.POSITIVE_INFINITY,
          evaluator.evaluate(PrecisionPlan.fp32(), EvalProgress.NONE).outputSqnrDb());
    }
  }

  private static EvalOptions options() {
    return EvalOptions.withThreads(2);
  }

  private static EvalResult evaluate(Model model, EvalData data, Scheme scheme) throws Exception {
    try (Evaluator evaluator =
        new Evaluator(model, data, EvalTask.detect(model, null), options())) {
      return evaluator.evaluate(PrecisionPlan.uniform(scheme), EvalProgress.NONE);
    }
  }

  /** x [N, K] → MatMul → y [N, K], the weight plain, in a Constant, or stored transposed. */
  private Path probe(String name, float[] w, boolean constant, boolean transposed)
      throws Exception {
    OnnxTestModel m = new OnnxTestModel().input("x", OnnxTestModel.FLOAT, "N", K);
    if (constant) {
      m.node(
          "Constant",
          "c",
          List.of(),
          List.of("w"),
          AttributeProto.newBuilder()
              .setName("value")
              .setType(AttributeProto.AttributeType.TENSOR)
              .setT(OnnxTestModel.floats("", new long[] {K, K}, w))
              .build());
    } else if (transposed) {
      float[] t = new float[w.length];
      for (int i = 0; i < K; i++) {
        for (int j = 0; j < K; j++) {
          t[j * K + i] = w[i * K + j];
        }
      }
      m.initializer(OnnxTestModel.floats("wt", new long[] {K, K}, t));
      m.node("Transpose", "t", List.of("wt"), List.of("w"));
    } else {
      m.initializer(OnnxTestModel.floats("w", new long[] {K, K}, w));
    }
    return m.node("MatMul", "probe", List.of("x", "w"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, "N", K)
        .write(dir.resolve(name));
  }

  private static int[] fp16(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = HalfFloats.toFp16(values[i]) & 0xFFFF;
    }
    return bits;
  }
}
