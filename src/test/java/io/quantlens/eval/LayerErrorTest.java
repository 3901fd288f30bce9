package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.model.Model;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local against accumulated error on a chain of three MatMuls. */
class LayerErrorTest {
  private static final int K = 8;
  private static final int SAMPLES = 40;

  @TempDir Path dir;

  @Test
  void errorEntersAtTheQuantizedLayerAndCompoundsBelowIt() throws Exception {
    try (Evaluator evaluator = chain()) {
      PrecisionPlan plan = PrecisionPlan.fp32().with("l1", Scheme.parse("int4:tensor:sym"));
      List<LayerError> errors = evaluator.layerErrors(plan, SAMPLES, EvalProgress.NONE);
      assertEquals(List.of("l1", "l2", "l3"), errors.stream().map(LayerError::layer).toList());
      LayerError l1 = errors.get(0);
      assertTrue(l1.localRelativeError() > 0, "l1 is quantized");
      // with only l1 quantized, "l1 alone" is the whole plan
      assertEquals(l1.localRelativeError(), l1.accumulatedRelativeError());
      for (LayerError below : errors.subList(1, 3)) {
        assertEquals(0.0, below.localRelativeError(), below.layer());
        assertEquals(Double.POSITIVE_INFINITY, below.localSqnrDb(), below.layer());
        assertTrue(below.accumulatedRelativeError() > 0, below.layer());
      }
    }
  }

  @Test
  void quantizedActivationsAddLocalErrorOfTheirOwn() throws Exception {
    try (Evaluator evaluator = chain()) {
      PrecisionPlan plan =
          PrecisionPlan.fp32()
              .with("l1", Scheme.parse("int4:tensor:sym"))
              .withActivation("l2", ActivationScheme.parse("int4:dynamic"));
      List<LayerError> errors = evaluator.layerErrors(plan, SAMPLES, EvalProgress.NONE);
      assertTrue(errors.get(1).localRelativeError() > 0, "l2's input is quantized");
      assertTrue(
          errors.get(1).accumulatedRelativeError() > errors.get(1).localRelativeError(),
          "l2 also carries l1's error");
      assertEquals(0.0, errors.get(2).localRelativeError());
    }
  }

  /** x [N, 8] → l1 → l2 → l3, each an 8 × 8 MatMul with seeded weights. */
  private Evaluator chain() throws Exception {
    Random random = new Random(11);
    OnnxTestModel m =
        new OnnxTestModel()
            .input("x", OnnxTestModel.FLOAT, "N", K)
            .output("y", OnnxTestModel.FLOAT, "N", K);
    String in = "x";
    for (int i = 1; i <= 3; i++) {
      float[] w = new float[K * K];
      for (int j = 0; j < w.length; j++) {
        w[j] = (float) random.nextGaussian() / 3;
      }
      m.initializer(OnnxTestModel.floats("w" + i, new long[] {K, K}, w));
      String out = i == 3 ? "y" : "h" + i;
      m.node("MatMul", "l" + i, List.of(in, "w" + i), List.of(out));
      in = out;
    }
    Model model = ModelFiles.open(m.write(dir.resolve("chain.onnx")));
    float[] x = new float[SAMPLES * K];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    EvalData data = EvalModels.rows(SAMPLES, K, x);
    return new Evaluator(model, data, EvalTask.detect(model, null), new EvalOptions(1, 16));
  }
}
