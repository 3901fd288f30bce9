package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.INT8;
import static io.quantlens.formats.onnx.OnnxTestModel.UINT8;
import static io.quantlens.formats.onnx.OnnxTestModel.intAttribute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weight forms {@link WeightFormsAgainstOrtTest} leaves out: a Loop body, GRU, ConvInteger and
 * QLinearConv with per-channel parameters, GatherBlockQuantized, and MatMulNBits without zero
 * points. Each is read by QuantLens and compared with what ONNX Runtime computes with it.
 */
class MoreWeightFormsAgainstOrtTest {
  private static final int K = 4;
  private static final int N = 3;

  @TempDir Path dir;

  @Test
  void anOuterScopeWeightInsideALoopBody() throws Exception {
    float[] w = {0.5f, -1.25f, 2f, 0.75f, 3.5f, -0.125f, 1f, -2f, 0.25f, 4f, -3f, 1.5f};
    OnnxTestModel body = new OnnxTestModel();
    body.input("i", OnnxTestModel.INT64, new Object[0])
        .input("c", OnnxTestModel.BOOL, new Object[0]);
    body.node("Identity", "keep", List.of("c"), List.of("c_out"));
    body.node("MatMul", "inner", List.of("x", "w"), List.of("yb"));
    body.output("c_out", OnnxTestModel.BOOL, new Object[0]).output("yb", FLOAT, K, N);
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, K, K).output("y", FLOAT, 1, K, N);
    m.initializer(OnnxTestModel.floats("w", new long[] {K, N}, w));
    m.initializer(
        OnnxTestModel.tensor("trips", OnnxTestModel.INT64, new long[0]).addInt64Data(1).build());
    m.node(
        "Loop",
        "loop",
        List.of("trips", ""),
        List.of("y"),
        OnnxTestModel.graphAttribute("body", body));
    Layer layer = only(m, "loop.onnx");
    assertEquals("loop/body/inner", layer.name());
    assertArrayEquals(w, LayerValues.values(layer));
    assertArrayEquals(
        run("loop.onnx", Map.of("x", floats(OnnxTestModel.identity(K), K, K))),
        LayerValues.values(layer));
  }

  @Test
  void gruWeightsAreOneChannelPerGateUnit() throws Exception {
    int hidden = 2;
    int input = 3;
    float[] w = LayerValues.ramp(3 * hidden * input, 0.125f);
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 5, 1, input).output("yh", FLOAT, 1, 1, hidden);
    m.initializer(OnnxTestModel.floats("W", new long[] {1, 3 * hidden, input}, w));
    m.initializer(
        OnnxTestModel.floats(
            "R",
            new long[] {1, 3 * hidden, hidden},
            LayerValues.ramp(3 * hidden * hidden, 0.125f)));
    m.initializer(
        OnnxTestModel.floats(
            "B", new long[] {1, 6 * hidden}, LayerValues.ramp(6 * hidden, 0.125f)));
    m.node(
        "GRU",
        "gru",
        List.of("x", "W", "R", "B"),
        List.of("", "yh"),
        intAttribute("hidden_size", hidden));
    Model model = new OnnxModelReader().read(m.write(dir.resolve("gru.onnx")));
    assertEquals(List.of("gru/W", "gru/R"), model.layers().stream().map(Layer::name).toList());
    Layer wl = model.layers().get(0);
    assertArrayEquals(new long[] {3 * hidden, input}, wl.weight().shape());
    assertEquals(0, wl.channelAxis());
    assertEquals(6 * hidden, wl.bias().elementCount());
    assertTrue(wl.storage().contains("gates z, r, h"), wl.storage());
    assertArrayEquals(w, LayerValues.values(wl));
    assertEquals(
        3 * hidden * input + 6 * hidden + 3 * hidden * hidden, model.layerParameterCount());
  }

  @Test
  void convIntegerWithTheDynamicRescale() throws Exception {
    // ONNX Runtime's CPU ConvInteger takes one weight zero point only (per-channel ones are
    // refused), so that is what can be checked against it; MatMulInteger covers per-column ones.
    int[] codes = {10, 250, 128, 0, 77, 200, 33, 180, 129, 255, 1, 64}; // [N, K, 1, 1]
    OnnxTestModel m = new OnnxTestModel();
    m.input("xq", UINT8, K, K, 1, 1).input("x_scale", FLOAT, new Object[0]);
    m.output("y", FLOAT, K, N, 1, 1);
    m.initializer(OnnxTestModel.bytes("wq", UINT8, new long[] {N, K, 1, 1}, codes));
    m.initializer(OnnxTestModel.bytes("wz", UINT8, new long[0], 128));
    m.initializer(OnnxTestModel.floats("ws", new long[0], 0.5f));
    m.node("Mul", "scales_mul", List.of("x_scale", "ws"), List.of("scales"));
    m.node("ConvInteger", "conv", List.of("xq", "wq", "", "wz"), List.of("acc"));
    m.node("Cast", "cast", List.of("acc"), List.of("accf"), intAttribute("to", FLOAT));
    m.node("Mul", "rescale", List.of("accf", "scales"), List.of("y"));
    Layer layer = only(m, "convint.onnx");
    assertEquals(DType.UINT8, layer.weight().dtype());
    assertTrue(layer.storage().startsWith("ConvInteger UINT8, per tensor"), layer.storage());
    // one-hot samples over the K input channels: sample k reads (w[n][k] − 128) · 0.5
    float[] y =
        run(
            "convint.onnx",
            Map.of(
                "xq", uint8(identityCodes(), K, K, 1, 1),
                "x_scale", floats(new float[] {1f})));
    assertArrayEquals(OnnxTestModel.transpose(y, K, N), LayerValues.values(layer));
    assertEquals((10 - 128) * 0.5f, LayerValues.values(layer)[0]);

    // written back: Conv of the codes with the values over w_scale, the file's rescale after it
    float[] changed = grid(0.5f);
    ByteBuffer patched =
        WeightPatcher.open(dir.resolve("convint.onnx")).patched(Map.of("conv", changed));
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(patched);
        OnnxTensor x = uint8(identityCodes(), K, K, 1, 1);
        OnnxTensor scale = floats(new float[] {1f});
        OrtSession.Result r = s.run(Map.of("xq", x, "x_scale", scale))) {
      float[] back = LayerValues.toArray(((OnnxTensor) r.get(0)).getFloatBuffer());
      assertArrayEquals(changed, OnnxTestModel.transpose(back, K, N));
    }
  }

  /** N·K multiples of {@code step} around zero, not the stored ones. */
  private static float[] grid(float step) {
    float[] v = new float[N * K];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i * 5 % 13 - 6) * step;
    }
    return v;
  }

  @Test
  void qLinearConvWithPerChannelScales() throws Exception {
    int[] codes = {1, -2, 3, 4, -5, 6, 7, -8, 9, 10, 11, -12}; // int8 [N, K, 1, 1]
    float[] scales = {0.0625f, 0.125f, 0.25f};
    OnnxTestModel m = new OnnxTestModel();
    m.input("xq", UINT8, K, K, 1, 1).output("yq", UINT8, K, N, 1, 1);
    m.initializer(OnnxTestModel.floats("xs", new long[0], 1f));
    m.initializer(OnnxTestModel.bytes("xz", UINT8, new long[0], 0));
    m.initializer(OnnxTestModel.bytes("wq", INT8, new long[] {N, K, 1, 1}, codes));
    m.initializer(OnnxTestModel.floats("ws", new long[] {N}, scales));
    m.initializer(OnnxTestModel.bytes("wz", INT8, new long[] {N}, 0, 0, 0));
    m.initializer(OnnxTestModel.floats("ys", new long[0], 0.0625f));
    m.initializer(OnnxTestModel.bytes("yz", UINT8, new long[0], 128));
    m.node(
        "QLinearConv",
        "qconv",
        List.of("xq", "xs", "xz", "wq", "ws", "wz", "ys", "yz"),
        List.of("yq"));
    Layer layer = only(m, "qconv.onnx");
    assertEquals(DType.INT8, layer.weight().dtype());
    assertEquals(0, layer.channelAxis());
    // every w · scale is a multiple of y's scale, so the output codes are exact
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(dir.resolve("qconv.onnx").toString());
        OnnxTensor x = uint8(identityCodes(), K, K, 1, 1);
        OrtSession.Result r = s.run(Map.of("xq", x))) {
      ByteBuffer out = ((OnnxTensor) r.get(0)).getByteBuffer();
      float[] y = new float[K * N];
      for (int i = 0; i < y.length; i++) {
        y[i] = ((out.get(i) & 0xFF) - 128) * 0.0625f;
      }
      assertArrayEquals(OnnxTestModel.transpose(y, K, N), LayerValues.values(layer));
    }
    assertEquals(-2 * 0.0625f, LayerValues.values(layer)[1]);

    // written back: DequantizeLinear → float Conv → QuantizeLinear at y's scale and zero point
    float[] changed = grid(0.0625f);
    ByteBuffer patched =
        WeightPatcher.open(dir.resolve("qconv.onnx")).patched(Map.of("qconv", changed));
    try (OrtSession s = env.createSession(patched);
        OnnxTensor x = uint8(identityCodes(), K, K, 1, 1);
        OrtSession.Result r = s.run(Map.of("xq", x))) {
      ByteBuffer out = ((OnnxTensor) r.get(0)).getByteBuffer();
      float[] y = new float[K * N];
      for (int i = 0; i < y.length; i++) {
        y[i] = ((out.get(i) & 0xFF) - 128) * 0.0625f;
      }
      assertArrayEquals(changed, OnnxTestModel.transpose(y, K, N));
    }
  }

  @Test
  void gatherBlockQuantized4BitTable() throws Exception {
    byte[] data = new byte[3 * 8]; // 3 rows of 16 codes, two per byte, low nibble first
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 37 + 11);
    }
    OnnxTestModel m = new OnnxTestModel().opset("com.microsoft", 1);
    m.input("ids", OnnxTestModel.INT64, 3).output("e", FLOAT, 3, 16);
    m.initializer(OnnxTestModel.raw("table", UINT8, new long[] {3, 8}, data));
    m.initializer(OnnxTestModel.floats("s", new long[] {3, 1}, 0.5f, -0.25f, 2f));
    m.nodeIn(
        "com.microsoft",
        "GatherBlockQuantized",
        "gbq",
        List.of("table", "ids", "s"),
        List.of("e"),
        intAttribute("block_size", 16));
    Layer layer = only(m, "gbq.onnx");
    assertEquals("GatherBlockQuantized", layer.opType());
    assertArrayEquals(new long[] {3, 16}, layer.weight().shape());
    assertEquals((((11) & 0xF) - 8) * 0.5f, LayerValues.values(layer)[0]);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(dir.resolve("gbq.onnx").toString());
        OnnxTensor ids = OnnxTensor.createTensor(env, new long[] {0, 1, 2});
        OrtSession.Result r = s.run(Map.of("ids", ids))) {
      assertArrayEquals(
          LayerValues.toArray(((OnnxTensor) r.get(0)).getFloatBuffer()), LayerValues.values(layer));
    }
  }

  @Test
  void matMulNBits4BitWithoutZeroPointsIsCentredOnEight() throws Exception {
    byte[] b = new byte[N * 8];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 53 + 7);
    }
    OnnxTestModel m = new OnnxTestModel().opset("com.microsoft", 1);
    m.input("x", FLOAT, K, K).output("y", FLOAT, K, N);
    m.initializer(OnnxTestModel.raw("b", UINT8, new long[] {N, 1, 8}, b));
    m.initializer(OnnxTestModel.floats("s", new long[] {N, 1}, 0.25f, -0.5f, 1.5f));
    m.nodeIn(
        "com.microsoft",
        "MatMulNBits",
        "nbits",
        List.of("x", "b", "s"),
        List.of("y"),
        intAttribute("K", K),
        intAttribute("N", N),
        intAttribute("bits", 4),
        intAttribute("block_size", 16));
    Layer layer = only(m, "nbits.onnx");
    assertEquals(
        "MatMulNBits 4-bit, block 16, symmetric (zero point 8), float scales", layer.storage());
    assertEquals(((7 & 0xF) - 8) * 0.25f, LayerValues.values(layer)[0]);
    float[] y = run("nbits.onnx", Map.of("x", floats(OnnxTestModel.identity(K), K, K)));
    assertArrayEquals(OnnxTestModel.transpose(y, K, N), LayerValues.values(layer));
  }

  // ---- helpers

  private Layer only(OnnxTestModel m, String file) throws Exception {
    return LayerValues.only(m.write(dir.resolve(file)));
  }

  private float[] run(String file, Map<String, OnnxTensor> inputs) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(dir.resolve(file).toString());
        OrtSession.Result r = s.run(inputs)) {
      return LayerValues.toArray(((OnnxTensor) r.get(0)).getFloatBuffer());
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static OnnxTensor floats(float[] values, long... shape) throws Exception {
    return OnnxTensor.createTensor(
        OrtEnvironment.getEnvironment(), FloatBuffer.wrap(values), shape);
  }

  private static OnnxTensor uint8(byte[] codes, long... shape) throws Exception {
    ByteBuffer b = ByteBuffer.allocateDirect(codes.length).order(ByteOrder.nativeOrder());
    b.put(codes).flip();
    return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), b, shape, OnnxJavaType.UINT8);
  }

  /** K one-hot samples over K channels, as uint8 codes 1 and 0. */
  private static byte[] identityCodes() {
    byte[] codes = new byte[K * K];
    for (int i = 0; i < K; i++) {
      codes[i * K + i] = 1;
    }
    return codes;
  }
}
