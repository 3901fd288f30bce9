package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT16;
import static io.quantlens.formats.onnx.OnnxTestModel.INT8;
import static io.quantlens.formats.onnx.OnnxTestModel.UINT8;
import static io.quantlens.formats.onnx.OnnxTestModel.intAttribute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.HalfFloats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New values written into each form a graph keeps a weight in, then run by ONNX Runtime: an
 * identity input to the node reads back exactly the values given (rounded to the stored type).
 */
class WeightWriteBackAgainstOrtTest {
  private static final int K = 4;
  private static final int N = 3;
  private static final float[] W = {
    0.5f, -1.25f, 2f, 0.75f, 3.5f, -0.125f, 1f, -2f, 0.25f, 4f, -3f, 1.5f
  };

  /** The replacement, [K, N] as a MatMul reads it; not representable in FP16 everywhere. */
  private static final float[] NEW = {
    0.1f, -0.2f, 0.3f, 1.7f, -2.9f, 0.05f, 3.3f, 0.6f, -0.75f, 0.0f, 2.2f, -1.1f
  };

  @TempDir Path dir;

  @Test
  void aConstantNodeWeightIsReplacedInPlace() throws Exception {
    OnnxTestModel m = matMulModel();
    m.node(
        "Constant",
        "c",
        List.of(),
        List.of("w"),
        OnnxTestModel.tensorAttribute(OnnxTestModel.floats("", dims(K, N), W)));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    assertArrayEquals(NEW, readBack(m, "const.onnx", "mm", NEW));
  }

  @Test
  void aTransposedStoredWeightIsWrittenBackTransposed() throws Exception {
    OnnxTestModel m = matMulModel();
    m.initializer(OnnxTestModel.floats("wt", dims(N, K), OnnxTestModel.transpose(W, K, N)));
    m.initializer(
        OnnxTestModel.tensor("shape", OnnxTestModel.INT64, dims(2))
            .addInt64Data(-1)
            .addInt64Data(N)
            .build());
    m.initializer(
        OnnxTestModel.tensor("axes", OnnxTestModel.INT64, dims(1)).addInt64Data(0).build());
    m.node("Transpose", "t", List.of("wt"), List.of("w0"));
    m.node("Unsqueeze", "u", List.of("w0", "axes"), List.of("w1"));
    m.node("Reshape", "r", List.of("w1", "shape"), List.of("w"));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    assertArrayEquals(NEW, readBack(m, "transpose.onnx", "mm", NEW));
  }

  @Test
  void aFloat16WeightCastToFloatGetsTheValuesRoundedToFloat16() throws Exception {
    OnnxTestModel m = matMulModel();
    m.initializer(OnnxTestModel.shorts("w16", FLOAT16, dims(K, N), fp16Bits(W)));
    m.node("Cast", "cast", List.of("w16"), List.of("w"), intAttribute("to", FLOAT));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    float[] back = readBack(m, "cast.onnx", "mm", NEW);
    assertArrayEquals(fp16Rounded(NEW), back);
    assertTrue(back[0] != NEW[0], "0.1 is not an FP16 value");
  }

  @Test
  void aFloat16ModelRunsAtFloat16WithTheNewValues() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT16, K, K).output("y", FLOAT16, K, N);
    m.initializer(OnnxTestModel.shorts("w", FLOAT16, dims(K, N), fp16Bits(W)));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    Path file = m.write(dir.resolve("fp16.onnx"));
    ByteBuffer patched = WeightPatcher.open(file).patched(Map.of("mm", NEW));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    ByteBuffer x = ByteBuffer.allocateDirect(K * K * 2).order(ByteOrder.nativeOrder());
    for (int i = 0; i < K * K; i++) {
      x.putShort(i * 2, HalfFloats.toFp16(i % (K + 1) == 0 ? 1f : 0f));
    }
    try (OrtSession s = env.createSession(patched, new OrtSession.SessionOptions());
        OnnxTensor xt = OnnxTensor.createTensor(env, x, new long[] {K, K}, OnnxJavaType.FLOAT16);
        OrtSession.Result r = s.run(Map.of("x", xt))) {
      assertArrayEquals(fp16Rounded(NEW), floats((OnnxTensor) r.get(0)));
    }
  }

  @Test
  void anOuterScopeWeightReachesBothIfBranches() throws Exception {
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
    ByteBuffer patched =
        WeightPatcher.open(m.write(dir.resolve("if.onnx")))
            .patched(Map.of("branch/then_branch/inner", NEW));
    for (boolean cond : new boolean[] {true, false}) {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession s = env.createSession(patched.duplicate(), new OrtSession.SessionOptions());
          OnnxTensor xt =
              OnnxTensor.createTensor(env, FloatBuffer.wrap(OnnxTestModel.identity(K)), kk());
          OnnxTensor c = OnnxTensor.createTensor(env, cond);
          OrtSession.Result r = s.run(Map.of("x", xt, "cond", c))) {
        assertArrayEquals(NEW, floats((OnnxTensor) r.get(0)));
      }
    }
  }

  @Test
  void aDequantizeLinearWeightBecomesAConstantOfTheNewValues() throws Exception {
    OnnxTestModel m = matMulModel();
    m.initializer(
        OnnxTestModel.bytes("wq", INT8, dims(K, N), 1, -2, 3, 4, -5, 6, 7, -8, 9, 10, 11, -12));
    m.initializer(OnnxTestModel.floats("s", dims(), 0.5f));
    m.node("DequantizeLinear", "dq", List.of("wq", "s"), List.of("w"));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    assertArrayEquals(NEW, readBack(m, "qdq.onnx", "mm", NEW));
  }

  @Test
  void aMatMulNBitsNodeBecomesAFloatMatMulWithItsBias() throws Exception {
    byte[] b = new byte[N * 8];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (17 * i);
    }
    OnnxTestModel m = new OnnxTestModel().opset("com.microsoft", 1);
    m.input("x", FLOAT, K, K).output("y", FLOAT, K, N);
    m.initializer(OnnxTestModel.raw("b", UINT8, dims(N, 1, 8), b));
    m.initializer(OnnxTestModel.floats("s", dims(N, 1), 0.25f, -0.5f, 1.5f));
    m.initializer(OnnxTestModel.floats("bias", dims(N), 10f, 20f, 30f));
    m.nodeIn(
        "com.microsoft",
        "MatMulNBits",
        "nbits",
        List.of("x", "b", "s", "", "", "bias"),
        List.of("y"),
        intAttribute("K", K),
        intAttribute("N", N),
        intAttribute("bits", 4),
        intAttribute("block_size", 16));
    float[] rows = OnnxTestModel.transpose(NEW, K, N); // the layer shows [N, K]
    float[] back = readBack(m, "nbits.onnx", "nbits", rows);
    for (int i = 0; i < back.length; i++) {
      back[i] -= 10f * (1 + i % N);
    }
    assertArrayEquals(NEW, back, 1e-6f);
  }

  @Test
  void aGatherBlockQuantizedTableBecomesAFloatGather() throws Exception {
    OnnxTestModel m = new OnnxTestModel().opset("com.microsoft", 1);
    m.input("ids", OnnxTestModel.INT64, 3).output("e", FLOAT, 3, 16);
    m.initializer(OnnxTestModel.raw("table", UINT8, dims(3, 8), new byte[24]));
    m.initializer(OnnxTestModel.floats("s", dims(3, 1), 1f, 2f, 3f));
    m.nodeIn(
        "com.microsoft",
        "GatherBlockQuantized",
        "gbq",
        List.of("table", "ids", "s"),
        List.of("e"),
        intAttribute("block_size", 16));
    float[] table = LayerValues.ramp(3 * 16, 0.375f);
    Path file = m.write(dir.resolve("gbq.onnx"));
    assertEquals("gbq", LayerValues.only(file).name());
    assertArrayEquals(table, gather(WeightPatcher.open(file).patched(Map.of("gbq", table))));
  }

  @Test
  void aGatheredThenDequantizedEmbeddingBecomesAFloatGather() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("ids", OnnxTestModel.INT64, 3).output("e", FLOAT, 3, 2);
    m.initializer(OnnxTestModel.bytes("table", UINT8, dims(3, 2), 0, 255, 128, 7, 200, 99));
    m.initializer(OnnxTestModel.floats("s", dims(), 0.5f));
    m.initializer(OnnxTestModel.bytes("z", UINT8, dims(), 128));
    m.node("Gather", "emb", List.of("table", "ids"), List.of("rows"));
    m.node("DequantizeLinear", "dq", List.of("rows", "s", "z"), List.of("e"));
    float[] table = {1.5f, -2.25f, 0.1f, 7f, -0.3f, 9.5f};
    Path file = m.write(dir.resolve("emb.onnx"));
    assertArrayEquals(table, gather(WeightPatcher.open(file).patched(Map.of("emb", table))));
  }

  @Test
  void externalDataStaysBesideTheFileAndIsFoundWhenTheModelLoadsFromMemory() throws Exception {
    Files.write(dir.resolve("weights.bin"), OnnxTestModel.floatBytes(W));
    OnnxTestModel m = matMulModel();
    m.input("x2", FLOAT, K, K).output("y2", FLOAT, K, N);
    m.initializer(OnnxTestModel.external("w", FLOAT, dims(K, N), "weights.bin", 0, null));
    m.node(
        "Constant",
        "c",
        List.of(),
        List.of("w2"),
        OnnxTestModel.tensorAttribute(OnnxTestModel.floats("", dims(K, N), W)));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    m.node("MatMul", "mm2", List.of("x2", "w2"), List.of("y2"));
    Path file = m.write(dir.resolve("external.onnx"));
    ByteBuffer patched = WeightPatcher.open(file).patched(Map.of("mm2", NEW));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.addConfigEntry(
          "session.model_external_initializers_file_folder_path", dir.toString());
      try (OrtSession s = env.createSession(patched, options);
          OnnxTensor x =
              OnnxTensor.createTensor(env, FloatBuffer.wrap(OnnxTestModel.identity(K)), kk());
          OnnxTensor x2 =
              OnnxTensor.createTensor(env, FloatBuffer.wrap(OnnxTestModel.identity(K)), kk());
          OrtSession.Result r = s.run(Map.of("x", x, "x2", x2))) {
        assertArrayEquals(W, floats((OnnxTensor) r.get("y").orElseThrow()));
        assertArrayEquals(NEW, floats((OnnxTensor) r.get("y2").orElseThrow()));
      }
    }
  }

  @Test
  void anIntegerResultRescaledSomewhereElseIsRefusedWithTheReason() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("xq", UINT8, K, K).output("acc", 6, K, N); // INT32
    m.initializer(
        OnnxTestModel.bytes("wq", UINT8, dims(K, N), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    m.node("MatMulInteger", "mmi", List.of("xq", "wq"), List.of("acc"));
    WeightPatcher patcher = WeightPatcher.open(m.write(dir.resolve("mmi.onnx")));
    assertTrue(
        patcher.refusal("mmi").orElseThrow().startsWith("its integer result is rescaled"),
        patcher.refusal("mmi").toString());
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> patcher.patched(Map.of("mmi", NEW)));
    assertTrue(e.getMessage().contains("layer 'mmi': its integer result"), e.getMessage());
  }

  @Test
  void aDynamicallyQuantizedMatMulIntegerRunsTheNewValuesThroughItsOwnRescale() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("xq", UINT8, K, K).input("x_scale", FLOAT, new Object[0]).output("y", FLOAT, K, N);
    m.initializer(
        OnnxTestModel.bytes(
            "wq", UINT8, dims(K, N), 10, 250, 128, 0, 77, 200, 33, 180, 129, 255, 1, 64));
    m.initializer(OnnxTestModel.bytes("wz", UINT8, dims(N), 128, 120, 3));
    m.initializer(OnnxTestModel.floats("ws", dims(N), 0.5f, 0.25f, 2f));
    m.initializer(OnnxTestModel.bytes("xz", UINT8, dims(), 7));
    m.node("Mul", "scales_mul", List.of("x_scale", "ws"), List.of("scales"));
    m.node("MatMulInteger", "mmi", List.of("xq", "wq", "xz", "wz"), List.of("acc"));
    m.node("Cast", "cast", List.of("acc"), List.of("accf"), intAttribute("to", FLOAT));
    m.node("Mul", "rescale", List.of("accf", "scales"), List.of("y"));
    Path file = m.write(dir.resolve("mmi-dynamic.onnx"));
    ByteBuffer patched = WeightPatcher.open(file).patched(Map.of("mmi", NEW));
    // codes 8 on the diagonal, 7 elsewhere, zero point 7 and x_scale 1: one-hot rows
    byte[] codes = new byte[K * K];
    java.util.Arrays.fill(codes, (byte) 7);
    for (int i = 0; i < K; i++) {
      codes[i * K + i] = 8;
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    inputs.put("xq", uint8(env, codes));
    inputs.put(
        "x_scale", OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1f}), new long[0]));
    assertArrayEquals(NEW, run(patched, inputs), 1e-6f);
  }

  @Test
  void aQLinearMatMulComputesInFloatBetweenItsOwnDequantizeAndQuantize() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("aq", UINT8, K, K).output("yq", UINT8, K, N);
    m.initializer(OnnxTestModel.floats("as", dims(), 1f));
    m.initializer(OnnxTestModel.bytes("az", UINT8, dims(), 0));
    m.initializer(OnnxTestModel.bytes("bq", UINT8, dims(K, N), new int[K * N]));
    m.initializer(OnnxTestModel.floats("bs", dims(), 0.0625f));
    m.initializer(OnnxTestModel.bytes("bz", UINT8, dims(), 128));
    m.node(
        "QLinearMatMul",
        "qmm",
        List.of("aq", "as", "az", "bq", "bs", "bz", "bs", "bz"),
        List.of("yq"));
    float[] grid = new float[K * N]; // multiples of y's scale, so the output codes are exact
    for (int i = 0; i < grid.length; i++) {
      grid[i] = (i * 7 % 23 - 11) * 0.0625f;
    }
    ByteBuffer patched =
        WeightPatcher.open(m.write(dir.resolve("qmm.onnx"))).patched(Map.of("qmm", grid));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    byte[] one = new byte[K * K];
    for (int i = 0; i < K; i++) {
      one[i * K + i] = 1;
    }
    try (OrtSession s = env.createSession(patched, new OrtSession.SessionOptions());
        OnnxTensor a = uint8(env, one);
        OrtSession.Result r = s.run(Map.of("aq", a))) {
      ByteBuffer out = ((OnnxTensor) r.get(0)).getByteBuffer();
      float[] back = new float[K * N];
      for (int i = 0; i < back.length; i++) {
        back[i] = ((out.get(i) & 0xFF) - 128) * 0.0625f;
      }
      assertArrayEquals(grid, back);
    }
  }

  @Test
  void aDynamicQuantizeMatMulKeepsItsActivationQuantization() throws Exception {
    OnnxTestModel m = new OnnxTestModel().opset("com.microsoft", 1);
    m.input("x", FLOAT, K, K).output("y", FLOAT, K, N);
    m.initializer(OnnxTestModel.bytes("bq", INT8, dims(K, N), new int[K * N]));
    m.initializer(OnnxTestModel.floats("bs", dims(), 0.5f));
    m.nodeIn(
        "com.microsoft", "DynamicQuantizeMatMul", "dqmm", List.of("x", "bq", "bs"), List.of("y"));
    assertArrayEquals(NEW, readBack(m, "dqmm.onnx", "dqmm", NEW), 1e-6f);
  }

  // ---- helpers

  private static OnnxTensor uint8(OrtEnvironment env, byte[] codes) throws Exception {
    ByteBuffer b = ByteBuffer.allocateDirect(codes.length).order(ByteOrder.nativeOrder());
    b.put(codes).flip();
    return OnnxTensor.createTensor(env, b, kk(), OnnxJavaType.UINT8);
  }

  private static float[] run(ByteBuffer patched, Map<String, OnnxTensor> inputs) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(patched, new OrtSession.SessionOptions());
        OrtSession.Result r = s.run(inputs)) {
      return floats((OnnxTensor) r.get(0));
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private OnnxTestModel matMulModel() {
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, K, K).output("y", FLOAT, K, N);
    return m;
  }

  /** Writes the model, patches {@code layer} with {@code values} and runs it on the identity. */
  private float[] readBack(OnnxTestModel m, String name, String layer, float[] values)
      throws Exception {
    Path file = m.write(dir.resolve(name));
    assertEquals(layer, LayerValues.only(file).name());
    ByteBuffer patched = WeightPatcher.open(file).patched(Map.of(layer, values));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(patched, new OrtSession.SessionOptions());
        OnnxTensor x =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(OnnxTestModel.identity(K)), kk());
        OrtSession.Result r = s.run(Map.of("x", x))) {
      return floats((OnnxTensor) r.get(0));
    }
  }

  private static float[] gather(ByteBuffer patched) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(patched, new OrtSession.SessionOptions());
        OnnxTensor ids = OnnxTensor.createTensor(env, new long[] {0, 1, 2});
        OrtSession.Result r = s.run(Map.of("ids", ids))) {
      return floats((OnnxTensor) r.get(0));
    }
  }

  private static float[] floats(OnnxTensor t) {
    FloatBuffer b = t.getFloatBuffer();
    float[] v = new float[b.remaining()];
    b.get(v);
    return v;
  }

  private static long[] kk() {
    return new long[] {K, K};
  }

  private static int[] fp16Bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = HalfFloats.toFp16(values[i]) & 0xFFFF;
    }
    return bits;
  }

  private static float[] fp16Rounded(float[] values) {
    float[] r = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      r[i] = HalfFloats.fp16ToFloat(HalfFloats.toFp16(values[i]));
    }
    return r;
  }

  private static long[] dims(long... d) {
    return d;
  }
}
