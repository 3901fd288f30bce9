package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT16;
import static io.quantlens.formats.onnx.OnnxTestModel.UINT8;
import static io.quantlens.formats.onnx.OnnxTestModel.intAttribute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.HalfFloats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a graph can hold a weight, read by QuantLens and checked value for value against what
 * ONNX Runtime computes with it: an identity input to a MatMul-like node reads the weight back.
 */
class WeightFormsAgainstOrtTest {
  private static final int K = 4;
  private static final int N = 3;
  private static final float[] W = {
    0.5f, -1.25f, 2f, 0.75f, 3.5f, -0.125f, 1f, -2f, 0.25f, 4f, -3f, 1.5f
  };

  @TempDir Path dir;

  @Test
  void weightInAConstantNode() throws Exception {
    OnnxTestModel m = matMulModel();
    m.node(
        "Constant",
        "c",
        List.of(),
        List.of("w"),
        OnnxTestModel.tensorAttribute(OnnxTestModel.floats("", dims(K, N), W)));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    Layer layer = only(m, "constant.onnx");
    assertEquals("mm", layer.name());
    assertTrue(layer.storage().contains("Constant node"), layer.storage());
    assertArrayEquals(
        ort("constant.onnx", OnnxTestModel.identity(K), Map.of()), LayerValues.values(layer));
    assertArrayEquals(W, LayerValues.values(layer));
  }

  @Test
  void transposedAndReshapedInitializer() throws Exception {
    OnnxTestModel m = matMulModel();
    // stored [N, K] (as PyTorch keeps a Linear), transposed to [K, N], reshaped to [1, K, N] and
    // back
    m.initializer(OnnxTestModel.floats("wt", dims(N, K), OnnxTestModel.transpose(W, K, N)));
    m.initializer(
        OnnxTestModel.tensor("shape", OnnxTestModel.INT64, dims(2))
            .addInt64Data(-1)
            .addInt64Data(N)
            .build());
    m.node("Transpose", "t", List.of("wt"), List.of("w0"));
    m.node("Unsqueeze", "u", List.of("w0", "axes"), List.of("w1"));
    m.initializer(
        OnnxTestModel.tensor("axes", OnnxTestModel.INT64, dims(1)).addInt64Data(0).build());
    m.node("Reshape", "r", List.of("w1", "shape"), List.of("w"));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    Layer layer = only(m, "transpose.onnx");
    assertArrayEquals(new long[] {K, N}, layer.weight().shape());
    assertEquals(1, layer.channelAxis());
    assertArrayEquals(
        ort("transpose.onnx", OnnxTestModel.identity(K), Map.of()), LayerValues.values(layer));
    assertArrayEquals(W, LayerValues.values(layer));
  }

  @Test
  void float16InitializerCastToFloat() throws Exception {
    OnnxTestModel m = matMulModel();
    int[] bits = new int[W.length];
    float[] w16 = new float[W.length];
    for (int i = 0; i < W.length; i++) {
      bits[i] = HalfFloats.toFp16(W[i] * 1.1f) & 0xFFFF;
      w16[i] = HalfFloats.fp16ToFloat(bits[i]);
    }
    m.initializer(OnnxTestModel.shorts("w16", FLOAT16, dims(K, N), bits));
    m.node("Cast", "cast", List.of("w16"), List.of("w"), intAttribute("to", FLOAT));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    Layer layer = only(m, "cast.onnx");
    assertEquals(DType.FLOAT16, layer.weight().dtype());
    assertTrue(layer.storage().startsWith("FLOAT16, through Cast to FLOAT"), layer.storage());
    assertArrayEquals(
        ort("cast.onnx", OnnxTestModel.identity(K), Map.of()), LayerValues.values(layer));
    assertArrayEquals(w16, LayerValues.values(layer));
  }

  @Test
  void outerScopeWeightInsideAnIfBranch() throws Exception {
    OnnxTestModel branch = new OnnxTestModel();
    branch.node("MatMul", "inner", List.of("x", "w"), List.of("yb"));
    branch.output("yb", FLOAT, K, N);
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, K, K)
        .input("cond", OnnxTestModel.BOOL, new Object[0])
        .output("y", FLOAT, K, N);
    m.initializer(OnnxTestModel.floats("w", dims(K, N), W));
    m.node(
        "If",
        "branch",
        List.of("cond"),
        List.of("y"),
        OnnxTestModel.graphAttribute("then_branch", branch),
        OnnxTestModel.graphAttribute("else_branch", branch));
    Layer layer = only(m, "if.onnx");
    assertEquals("branch/then_branch/inner", layer.name());
    assertEquals(List.of("branch/then_branch/inner", "branch/else_branch/inner"), layer.users());
    assertEquals(K * N, layer.parameterCount());
    float[] ort = ortWithBool("if.onnx", OnnxTestModel.identity(K));
    assertArrayEquals(ort, LayerValues.values(layer));
  }

  @Test
  void matMulNBits4BitWithPackedZeroPoints() throws Exception {
    // N = 3 outputs, K = 4 inputs, block 16 (one block, K padded): codes q[n][k], zero points z[n]
    int[][] q = {{0, 15, 7, 9}, {3, 8, 12, 1}, {15, 0, 2, 14}};
    int[] z = {8, 5, 10};
    float[] scale = {0.25f, -0.5f, 1.5f};
    byte[] b = new byte[N * 8]; // [N, 1 block, 16·4/8 = 8 bytes]
    for (int n = 0; n < N; n++) {
      for (int k = 0; k < K; k++) {
        b[n * 8 + k / 2] |= (byte) (q[n][k] << (4 * (k % 2)));
      }
    }
    OnnxTestModel m = new OnnxTestModel().opset("com.microsoft", 1);
    m.input("x", FLOAT, K, K).output("y", FLOAT, K, N);
    m.initializer(OnnxTestModel.raw("b", UINT8, dims(N, 1, 8), b));
    m.initializer(OnnxTestModel.floats("s", dims(N, 1), scale));
    m.initializer(OnnxTestModel.bytes("z", UINT8, dims(N, 1), z[0], z[1], z[2]));
    m.nodeIn(
        "com.microsoft",
        "MatMulNBits",
        "nbits",
        List.of("x", "b", "s", "z"),
        List.of("y"),
        intAttribute("K", K),
        intAttribute("N", N),
        intAttribute("bits", 4),
        intAttribute("block_size", 16));
    Layer layer = only(m, "nbits.onnx");
    assertEquals("MatMulNBits", layer.opType());
    assertEquals(DType.UINT4, layer.weight().dtype());
    assertArrayEquals(new long[] {N, K}, layer.weight().shape());
    assertEquals("MatMulNBits 4-bit, block 16, asymmetric, float scales", layer.storage());
    float[] expected = new float[N * K];
    for (int n = 0; n < N; n++) {
      for (int k = 0; k < K; k++) {
        expected[n * K + k] = (q[n][k] - z[n]) * scale[n];
      }
    }
    assertArrayEquals(expected, LayerValues.values(layer));
    assertArrayEquals(
        OnnxTestModel.transpose(ort("nbits.onnx", OnnxTestModel.identity(K), Map.of()), K, N),
        LayerValues.values(layer));
  }

  @Test
  void matMulNBits8BitDefaultZeroPoint() throws Exception {
    byte[] b = new byte[N * 16];
    float[] expected = new float[N * K];
    for (int n = 0; n < N; n++) {
      for (int k = 0; k < K; k++) {
        int code = 100 + 37 * n + 11 * k;
        b[n * 16 + k] = (byte) code;
        expected[n * K + k] = (code - 128) * 0.125f;
      }
    }
    OnnxTestModel m = new OnnxTestModel().opset("com.microsoft", 1);
    m.input("x", FLOAT, K, K).output("y", FLOAT, K, N);
    m.initializer(OnnxTestModel.raw("b", UINT8, dims(N, 1, 16), b));
    m.initializer(OnnxTestModel.floats("s", dims(N, 1), 0.125f, 0.125f, 0.125f));
    m.nodeIn(
        "com.microsoft",
        "MatMulNBits",
        "nbits8",
        List.of("x", "b", "s"),
        List.of("y"),
        intAttribute("K", K),
        intAttribute("N", N),
        intAttribute("bits", 8),
        intAttribute("block_size", 16));
    Layer layer = only(m, "nbits8.onnx");
    assertEquals(
        "MatMulNBits 8-bit, block 16, symmetric (zero point 128), float scales", layer.storage());
    assertArrayEquals(expected, LayerValues.values(layer));
    assertArrayEquals(
        OnnxTestModel.transpose(ort("nbits8.onnx", OnnxTestModel.identity(K), Map.of()), K, N),
        LayerValues.values(layer));
  }

  @Test
  void matMulIntegerWithPerColumnZeroPointsAndTheDynamicQuantizersRescale() throws Exception {
    int[] codes = {10, 250, 128, 0, 77, 200, 33, 180, 129, 255, 1, 64};
    OnnxTestModel m = new OnnxTestModel();
    m.input("xq", UINT8, K, K).input("x_scale", FLOAT, new Object[0]).output("y", FLOAT, K, N);
    m.initializer(OnnxTestModel.bytes("wq", UINT8, dims(K, N), codes));
    m.initializer(OnnxTestModel.bytes("wz", UINT8, dims(N), 128, 120, 3));
    m.initializer(OnnxTestModel.floats("ws", dims(N), 0.5f, 0.25f, 2f));
    m.initializer(OnnxTestModel.bytes("xz", UINT8, dims(), 0));
    m.node("Mul", "scales_mul", List.of("x_scale", "ws"), List.of("scales"));
    m.node("MatMulInteger", "mmi", List.of("xq", "wq", "xz", "wz"), List.of("acc"));
    m.node("Cast", "cast", List.of("acc"), List.of("accf"), intAttribute("to", FLOAT));
    m.node("Mul", "rescale", List.of("accf", "scales"), List.of("y"));
    Layer layer = only(m, "mmi.onnx");
    assertEquals(DType.UINT8, layer.weight().dtype());
    assertEquals(1, layer.channelAxis());
    assertTrue(layer.storage().startsWith("MatMulInteger UINT8, per channel"), layer.storage());
    // identity codes with x_scale 1: ONNX Runtime returns (w − zero point) · scale per column
    float[] ort = ort("mmi.onnx", null, Map.of());
    assertArrayEquals(ort, LayerValues.values(layer));
    assertEquals((10 - 128) * 0.5f, LayerValues.values(layer)[0]);
  }

  @Test
  void qLinearMatMulPerTensorUint8() throws Exception {
    int[] codes = {0, 255, 128, 133, 123, 192, 64, 129, 127, 228, 28, 161};
    OnnxTestModel m = new OnnxTestModel();
    m.input("aq", UINT8, K, K).output("yq", UINT8, K, N);
    m.initializer(OnnxTestModel.floats("as", dims(), 1f));
    m.initializer(OnnxTestModel.bytes("az", UINT8, dims(), 0));
    m.initializer(OnnxTestModel.bytes("bq", UINT8, dims(K, N), codes));
    m.initializer(OnnxTestModel.floats("bs", dims(), 0.0625f));
    m.initializer(OnnxTestModel.bytes("bz", UINT8, dims(), 128));
    m.node(
        "QLinearMatMul",
        "qmm",
        List.of("aq", "as", "az", "bq", "bs", "bz", "bs", "bz"),
        List.of("yq"));
    Layer layer = only(m, "qmm.onnx");
    assertEquals(DType.UINT8, layer.weight().dtype());
    float[] expected = new float[codes.length];
    for (int i = 0; i < codes.length; i++) {
      expected[i] = (codes[i] - 128) * 0.0625f;
    }
    assertArrayEquals(expected, LayerValues.values(layer));
    // y = round(a·b_deq / y_scale) + y_zp with y_scale, y_zp = b's and a the identity: b's codes
    float[] yq = ortInt8("qmm.onnx");
    for (int i = 0; i < yq.length; i++) {
      yq[i] = (yq[i] - 128) * 0.0625f;
    }
    assertArrayEquals(yq, LayerValues.values(layer));
  }

  @Test
  void lstmWeightsAreOneChannelPerGateUnit() throws Exception {
    int hidden = 2;
    int input = 3;
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 5, 1, input).output("yh", FLOAT, 1, 1, hidden);
    float[] w = LayerValues.ramp(4 * hidden * input, 0.125f);
    m.initializer(OnnxTestModel.floats("W", dims(1, 4 * hidden, input), w));
    m.initializer(
        OnnxTestModel.floats(
            "R", dims(1, 4 * hidden, hidden), LayerValues.ramp(4 * hidden * hidden, 0.125f)));
    m.initializer(
        OnnxTestModel.floats("B", dims(1, 8 * hidden), LayerValues.ramp(8 * hidden, 0.125f)));
    m.node(
        "LSTM",
        "lstm",
        List.of("x", "W", "R", "B"),
        List.of("", "yh"),
        intAttribute("hidden_size", hidden));
    Model model = new OnnxModelReader().read(m.write(dir.resolve("lstm.onnx")));
    assertEquals(List.of("lstm/W", "lstm/R"), model.layers().stream().map(Layer::name).toList());
    Layer wl = model.layers().get(0);
    assertArrayEquals(new long[] {4 * hidden, input}, wl.weight().shape());
    assertEquals(0, wl.channelAxis());
    assertEquals(8 * hidden, wl.bias().elementCount());
    assertArrayEquals(w, LayerValues.values(wl));
    assertTrue(wl.storage().contains("gates i, o, f, c"), wl.storage());
    assertEquals(
        4 * hidden * input + 8 * hidden + 4 * hidden * hidden, model.layerParameterCount());
  }

  @Test
  void uint8EmbeddingGatheredThenDequantized() throws Exception {
    int[] codes = {0, 255, 128, 7, 200, 99};
    OnnxTestModel m = new OnnxTestModel();
    m.input("ids", OnnxTestModel.INT64, 3).output("e", FLOAT, 3, 2);
    m.initializer(OnnxTestModel.bytes("table", UINT8, dims(3, 2), codes));
    m.initializer(OnnxTestModel.floats("s", dims(), 0.5f));
    m.initializer(OnnxTestModel.bytes("z", UINT8, dims(), 128));
    m.node("Gather", "emb", List.of("table", "ids"), List.of("rows"));
    m.node("DequantizeLinear", "dq", List.of("rows", "s", "z"), List.of("e"));
    Layer layer = only(m, "emb.onnx");
    assertEquals("Gather", layer.opType());
    assertEquals(DType.UINT8, layer.weight().dtype());
    assertTrue(layer.storage().startsWith("Gather then DequantizeLinear UINT8"), layer.storage());
    float[] expected = new float[codes.length];
    for (int i = 0; i < codes.length; i++) {
      expected[i] = (codes[i] - 128) * 0.5f;
    }
    assertArrayEquals(expected, LayerValues.values(layer));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s =
            env.createSession(dir.resolve("emb.onnx").toString(), new OrtSession.SessionOptions());
        OnnxTensor ids = OnnxTensor.createTensor(env, new long[] {0, 1, 2});
        OrtSession.Result r = s.run(Map.of("ids", ids))) {
      FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] ort = new float[out.remaining()];
      out.get(ort);
      assertArrayEquals(ort, LayerValues.values(layer));
    }
  }

  @Test
  void graphWithoutWeightsSaysWhatItHas() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 2).output("y", FLOAT, 2);
    m.node("Relu", "r", List.of("x"), List.of("y"));
    Model model = new OnnxModelReader().read(m.write(dir.resolve("none.onnx")));
    assertTrue(model.layers().isEmpty());
    assertTrue(
        model.metadata().notes().get(0).startsWith("no weight layer found: the graph has Relu ×1"),
        model.metadata().notes().toString());
  }

  // ---- helpers

  private OnnxTestModel matMulModel() {
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, K, K).output("y", FLOAT, K, N);
    return m;
  }

  private Layer only(OnnxTestModel m, String file) throws Exception {
    return LayerValues.only(m.write(dir.resolve(file)));
  }

  private float[] ort(String file, float[] x, Map<String, Object> unused) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s =
        env.createSession(dir.resolve(file).toString(), new OrtSession.SessionOptions())) {
      Map<String, OnnxTensor> inputs = new java.util.HashMap<>();
      try {
        if (x != null) {
          inputs.put("x", OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {K, K}));
        } else {
          inputs.put(
              "xq",
              OnnxTensor.createTensor(
                  env, identityBytes(), new long[] {K, K}, ai.onnxruntime.OnnxJavaType.UINT8));
          inputs.put(
              "x_scale",
              OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1f}), new long[0]));
        }
        try (OrtSession.Result r = s.run(inputs)) {
          FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
          float[] values = new float[out.remaining()];
          out.get(values);
          return values;
        }
      } finally {
        inputs.values().forEach(OnnxTensor::close);
      }
    }
  }

  private float[] ortWithBool(String file, float[] x) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s =
            env.createSession(dir.resolve(file).toString(), new OrtSession.SessionOptions());
        OnnxTensor xt = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {K, K});
        OnnxTensor cond = OnnxTensor.createTensor(env, true);
        OrtSession.Result r = s.run(Map.of("x", xt, "cond", cond))) {
      FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] values = new float[out.remaining()];
      out.get(values);
      return values;
    }
  }

  private float[] ortInt8(String file) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s =
            env.createSession(dir.resolve(file).toString(), new OrtSession.SessionOptions());
        OnnxTensor a =
            OnnxTensor.createTensor(
                env, identityBytes(), new long[] {K, K}, ai.onnxruntime.OnnxJavaType.UINT8);
        OrtSession.Result r = s.run(Map.of("aq", a))) {
      ByteBuffer out = ((OnnxTensor) r.get(0)).getByteBuffer();
      float[] values = new float[out.remaining()];
      for (int i = 0; i < values.length; i++) {
        values[i] = out.get(i) & 0xFF;
      }
      return values;
    }
  }

  private static ByteBuffer identityBytes() {
    ByteBuffer b = ByteBuffer.allocateDirect(K * K).order(ByteOrder.nativeOrder());
    for (int i = 0; i < K; i++) {
      b.put(i * K + i, (byte) 1);
    }
    return b;
  }

  private static long[] dims(long... d) {
    return d;
  }
}
