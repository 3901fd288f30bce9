package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.CodedOutputStream;
import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.OnnxQuantizedWriter.WrittenLayer;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.Scheme;
import io.quantlens.quant.StorageConvention;
import io.quantlens.session.Session;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --to onnx}: each planned layer as QDQ or MatMulNBits, run by ONNX Runtime against
 * ONNX Runtime running the original graph with the plan's fake-quantized weights patched in, read
 * back by QuantLens's own reader, and its bytes counted.
 */
class OnnxQuantizedExportTest {
  static final int M = 5;
  static final int K = 96; // not a multiple of 64: the last g64 block is padded
  static final int N = 24;

  @TempDir Path dir;

  @Test
  void aMatMulGraphRunsAsItsSimulationUnderEveryForm() throws Exception {
    Path source = matMulGraph();
    for (String scheme :
        List.of(
            "int8:channel:sym",
            "int8:channel:asym",
            "int4:g32:sym",
            "int4:g32:asym",
            "int4:g64:asym",
            "int4:g128:sym")) {
      check(source, PrecisionPlan.uniform(Scheme.parse(scheme)), scheme.replace(':', '_'));
    }
  }

  @Test
  void theMnistCnnRunsAsItsSimulation() throws Exception {
    Path source = Session.open("mnist-cnn").model().source();
    Model model = ModelFiles.open(source);
    check(source, PrecisionPlan.uniform(Scheme.parse("int8:channel:sym")), "mnist-int8-sym");
    check(source, PrecisionPlan.uniform(Scheme.parse("int8:channel:asym")), "mnist-int8-asym");
    for (String int4 : List.of("int4:g32:sym", "int4:g32:asym")) {
      Map<String, Scheme> gemms = new LinkedHashMap<>();
      for (Layer l : model.layers()) {
        gemms.put(
            l.name(),
            l.opType().equals("Gemm") ? Scheme.parse(int4) : Scheme.parse("int8:channel:sym"));
      }
      check(
          source, new PrecisionPlan(PrecisionPlan.FP32, gemms), "mnist-" + int4.replace(':', '_'));
    }
  }

  /**
   * A weight two MatMuls read: one DequantizeLinear before the first feeds both; no MatMulNBits.
   */
  @Test
  void aSharedWeightGetsOneDequantizeLinearForEveryReader() throws Exception {
    Random random = new Random(5);
    float[] w = new float[K * N];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, M, K).input("x2", FLOAT, M, K).output("y", FLOAT, M, N);
    m.initializer(OnnxTestModel.floats("w", new long[] {K, N}, w));
    m.node("MatMul", "first", List.of("x", "w"), List.of("a"));
    m.node("MatMul", "second", List.of("x2", "w"), List.of("b"));
    m.node("Add", "sum", List.of("a", "b"), List.of("y"));
    Path source = m.write(dir.resolve("shared-source.onnx"));
    check(source, PrecisionPlan.uniform(Scheme.parse("int8:channel:asym")), "shared");
    GraphProto g = ModelProto.parseFrom(Files.readAllBytes(dir.resolve("shared.onnx"))).getGraph();
    assertEquals("w_DequantizeLinear", g.getNode(0).getName());
    assertEquals("w_DequantizeLinear_Output", g.getNode(1).getInput(1));
    assertEquals("w_DequantizeLinear_Output", g.getNode(2).getInput(1));
    assertEquals(4, g.getNodeCount());
    ModelFormatException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ModelFormatException.class,
            () ->
                Session.open(source)
                    .exports()
                    .onnx(
                        PrecisionPlan.uniform(Scheme.parse("int4:g32:sym")),
                        dir.resolve("shared-q4.onnx")));
    assertTrue(
        e.getMessage()
            .endsWith("layer 'first': MatMulNBits needs a weight read by one node; 2 read it"),
        e.getMessage());
  }

  /**
   * A model nobody on the project made (src/test/resources/real-models/README.md): paddle2onnx
   * keeps every weight in a Constant node, which the export turns into initializers.
   */
  @Test
  void thePaddleOcrClassifierWithConstantNodeWeightsRunsAsItsSimulation() throws Exception {
    Path source = Path.of("src/test/resources/real-models/ch_ppocr_mobile_v2.0_cls_infer.onnx");
    check(source, PrecisionPlan.uniform(Scheme.parse("int8:channel:sym")), "paddle-int8-sym");
    check(source, PrecisionPlan.uniform(Scheme.parse("int8:channel:asym")), "paddle-int8-asym");
  }

  /**
   * Exports {@code plan}, then checks (a) ORT on the export against ORT on the patched original,
   * (b) the reader's storage and dequantized values against FakeQuantizer bit for bit, (c) the
   * bytes.
   */
  private void check(Path source, PrecisionPlan plan, String name) throws Exception {
    check(dir, source, plan, name);
  }

  /** As above, writing {@code <name>.onnx} into {@code dir}; every form, FP16/BF16 Cast too. */
  static void check(Path dir, Path source, PrecisionPlan plan, String name) throws Exception {
    Session session = Session.open(source);
    Model original = session.model();
    Path out = dir.resolve(name + ".onnx");
    Map<String, WrittenLayer> written = session.exports().onnx(plan, out).layers();

    Map<String, float[]> simulated = new HashMap<>();
    for (Layer l : original.layers()) {
      Scheme s = plan.schemeFor(l.name());
      if (!s.equals(PrecisionPlan.FP32)) {
        simulated.put(l.name(), FakeQuantizer.roundTrip(l.weight(), l.channelAxis(), s));
      }
    }
    assertEquals(simulated.keySet(), written.keySet(), name);

    // (b) read back: storage names the form, values equal the simulation bit for bit.
    Model back = ModelFiles.open(out);
    Map<String, Layer> byName =
        back.layers().stream().collect(Collectors.toMap(Layer::name, l -> l));
    for (Layer l : original.layers()) {
      float[] sim = simulated.get(l.name());
      WrittenLayer w = written.get(l.name());
      if (sim == null) {
        Layer same = byName.get(l.name());
        assertEquals(l.weight().dtype(), same.weight().dtype(), l.name());
        continue;
      }
      if (w.form().kind() == OnnxQuantizedWriter.Kind.QDQ) {
        Layer q = byName.get(l.name());
        String type = w.form().scheme().id().endsWith(":sym") ? "INT8" : "UINT8";
        assertTrue(
            q.storage().startsWith("DequantizeLinear " + type + ", per channel"), q.storage());
        assertArrayEquals(sim, values(q), l.name());
      } else if (w.form().kind() == OnnxQuantizedWriter.Kind.CAST) {
        Layer q = byName.get(l.name());
        String type = w.form().scheme().id().equals("bf16") ? "BFLOAT16" : "FLOAT16";
        assertEquals(type + ", through Cast to FLOAT", q.storage(), l.name());
        assertArrayEquals(sim, values(q), l.name());
      } else {
        Layer q = byName.get(l.name() + "_Q4");
        assertTrue(
            q.storage()
                .startsWith(
                    "MatMulNBits 4-bit, block " + w.form().scheme().granularity().groupSize()),
            q.storage());
        // the reader shows MatMulNBits as [N, K]; a [K, N] weight (channel axis 1) is transposed
        float[] nk = l.channelAxis() == 1 ? transpose(sim, l.weight().shape()) : sim;
        assertArrayEquals(nk, values(q), l.name());
      }
    }

    // (a) ORT on the exported file vs ORT on the original with the simulated weights. Both hold
    // the same weight values ((b) above); ONNX Runtime prepacks a constant float weight for its
    // GEMM/Conv kernels but not a DequantizeLinear output, and MatMulNBits has its own blocked
    // kernel, so the float32 sums run in another order. A reordered sum of K products differs by
    // at most ~K·2^-24·Σ|a·w|; here K ≤ 1,568 (MNIST fc1) and Σ|a·w| is within a few times the
    // largest output, so |Δ| ≤ 1e-5·max(1, max|y|) holds with margin; equal bits are not expected.
    ByteBuffer patched = WeightPatcher.open(source).patched(simulated);
    float[][] expected = run(patched, false);
    ByteBuffer exported = ByteBuffer.wrap(Files.readAllBytes(out));
    // as deployed too: with ONNX Runtime's full graph optimization (its QDQ and MatMulNBits
    // fusions may run), under the same bound
    for (float[][] actual : List.of(run(exported, false), run(exported, true))) {
      for (int o = 0; o < expected.length; o++) {
        float max = 0;
        for (float v : expected[o]) {
          max = Math.max(max, Math.abs(v));
        }
        float tolerance = 1e-5f * Math.max(1f, max);
        for (int i = 0; i < expected[o].length; i++) {
          assertEquals(expected[o][i], actual[o][i], tolerance, name + " @" + i);
        }
      }
    }

    // (c) bytes: each layer's new tensors hold exactly the predicted bytes, and the file is the
    // rest of the graph plus those tensors' protobuf records.
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(out));
    assertEquals(proto.getSerializedSize(), Files.size(out));
    Map<String, TensorProto> inits = new HashMap<>();
    proto.getGraph().getInitializerList().forEach(t -> inits.put(t.getName(), t));
    long records = 0;
    Set<String> layerTensors = new java.util.HashSet<>();
    for (Layer l : original.layers()) {
      WrittenLayer w = written.get(l.name());
      if (w == null) {
        continue;
      }
      long raw = 0;
      for (String t : w.tensors()) {
        raw += inits.get(t).getRawData().size();
        records +=
            CodedOutputStream.computeMessageSize(GraphProto.INITIALIZER_FIELD_NUMBER, inits.get(t));
        layerTensors.add(t);
      }
      assertEquals(predictedBytes(l, w.form().scheme()), raw, l.name());
      assertEquals(
          StorageConvention.storedBits(
                  w.form().scheme(),
                  l.weight().dim(l.channelAxis()),
                  l.weight().elementCount() / l.weight().dim(l.channelAxis()))
              + beyondConvention(l, w.form().scheme()),
          8 * raw,
          l.name());
      assertEquals(w.bytes(), raw, l.name());
    }
    GraphProto others =
        proto.getGraph().toBuilder()
            .clearInitializer()
            .addAllInitializer(
                proto.getGraph().getInitializerList().stream()
                    .filter(t -> !layerTensors.contains(t.getName()))
                    .toList())
            .build();
    assertEquals(proto.getGraph().getSerializedSize(), others.getSerializedSize() + records, name);
  }

  /**
   * The layer's bytes as ONNX Runtime's layouts store them, from the closed forms of
   * docs/onnx-weights.md#writing-a-plan-as-onnx: QDQ = elements + 4·channels (float32 scales) +
   * channels (zero points, written even when symmetric); MatMulNBits = N·blocks·B/2 (codes, K
   * padded to whole blocks) + 4·N·blocks (float32 scales) + N·ceil(blocks/2) when asymmetric; a
   * FP16/BF16 Cast = 2·elements.
   */
  private static long predictedBytes(Layer l, Scheme s) {
    long channels = l.weight().dim(l.channelAxis());
    long elements = l.weight().elementCount();
    if (s.isFloat()) {
      return 2 * elements;
    }
    if (s.granularity().kind() == io.quantlens.quant.Granularity.Kind.CHANNEL) {
      return elements + 4 * channels + channels;
    }
    long k = elements / channels;
    long b = s.granularity().groupSize();
    long blocks = (k + b - 1) / b;
    boolean asym = s.id().endsWith(":asym");
    return channels * blocks * b / 2
        + 4 * channels * blocks
        + (asym ? channels * ((blocks + 1) / 2) : 0);
  }

  /**
   * Bits the file holds beyond StorageConvention's count (which cost and analysis use): ORT's QDQ
   * writes a zero point per channel even when symmetric; MatMulNBits pads K to whole blocks, keeps
   * float32 scales where the convention counts FP16 for groups, and packs zero points per row.
   */
  private static long beyondConvention(Layer l, Scheme s) {
    long channels = l.weight().dim(l.channelAxis());
    long elements = l.weight().elementCount();
    boolean asym = s.id().endsWith(":asym");
    if (s.isFloat()) {
      return 0;
    }
    if (s.granularity().kind() == io.quantlens.quant.Granularity.Kind.CHANNEL) {
      return asym ? 0 : 8 * channels;
    }
    long k = elements / channels;
    long b = s.granularity().groupSize();
    long blocks = (k + b - 1) / b;
    long padding = 4 * channels * (blocks * b - k);
    long scales = 16 * channels * blocks;
    long zeroPoints = asym ? 8 * channels * ((blocks + 1) / 2) - 4 * channels * blocks : 0;
    return padding + scales + zeroPoints;
  }

  private static float[] values(Layer l) {
    float[] v = new float[Math.toIntExact(l.weight().elementCount())];
    l.weight().reader().read(0, v, 0, v.length);
    return v;
  }

  private static float[] transpose(float[] v, long[] shape) {
    int rows = (int) shape[0];
    int cols = (int) shape[1];
    float[] t = new float[v.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = v[r * cols + c];
      }
    }
    return t;
  }

  /** Runs a model on fixed inputs (dynamic dimensions 1), every output as floats. */
  private static float[][] run(ByteBuffer model, boolean optimized) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    ByteBuffer direct = ByteBuffer.allocateDirect(model.remaining());
    direct.put(model.duplicate()).flip();
    // The reference runs without graph optimization, as eval does.
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(
          optimized
              ? OrtSession.SessionOptions.OptLevel.ALL_OPT
              : OrtSession.SessionOptions.OptLevel.NO_OPT);
      return run(env, env.createSession(direct, options));
    }
  }

  private static float[][] run(OrtEnvironment env, OrtSession session) throws Exception {
    try (OrtSession s = session) {
      Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
      try {
        for (Map.Entry<String, NodeInfo> e : s.getInputInfo().entrySet()) {
          TensorInfo info = (TensorInfo) e.getValue().getInfo();
          long[] shape = info.getShape().clone();
          int n = 1;
          for (int i = 0; i < shape.length; i++) {
            shape[i] = shape[i] < 1 ? 1 : shape[i];
            n *= (int) shape[i];
          }
          Random random = new Random(11);
          if (info.type == OnnxJavaType.INT64) {
            // token ids, masks and token types alike: 1 is a valid value of each
            long[] ones = new long[n];
            java.util.Arrays.fill(ones, 1L);
            inputs.put(
                e.getKey(), OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(ones), shape));
          } else if (info.type == OnnxJavaType.UINT8) {
            ByteBuffer b = ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
            for (int i = 0; i < n; i++) {
              b.put(i, (byte) random.nextInt(256));
            }
            inputs.put(e.getKey(), OnnxTensor.createTensor(env, b, shape, OnnxJavaType.UINT8));
          } else {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
              f[i] = random.nextFloat() * 2 - 1;
            }
            inputs.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape));
          }
        }
        try (OrtSession.Result r = s.run(inputs)) {
          float[][] outs = new float[r.size()][];
          for (int o = 0; o < r.size(); o++) {
            FloatBuffer fb = ((OnnxTensor) r.get(o)).getFloatBuffer();
            outs[o] = new float[fb.remaining()];
            fb.get(outs[o]);
          }
          return outs;
        }
      } finally {
        inputs.values().forEach(OnnxTensor::close);
      }
    }
  }

  /** x [M, K] → MatMul(w [K, N]) → Add(bias) → y, weights from a fixed seed. */
  private Path matMulGraph() throws Exception {
    return matMulGraph(dir);
  }

  /** The graph above, written into {@code dir}. */
  static Path matMulGraph(Path dir) throws Exception {
    Random random = new Random(3);
    float[] w = new float[K * N];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (random.nextGaussian() * (1 + (i % N) * 0.1));
    }
    float[] bias = new float[N];
    for (int i = 0; i < N; i++) {
      bias[i] = (float) random.nextGaussian();
    }
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, M, K).output("y", FLOAT, M, N);
    m.initializer(OnnxTestModel.floats("w", new long[] {K, N}, w));
    m.initializer(OnnxTestModel.floats("b", new long[] {N}, bias));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("xw"));
    m.node("Add", "add", List.of("xw", "b"), List.of("y"));
    return m.write(dir.resolve("matmul.onnx"));
  }
}
