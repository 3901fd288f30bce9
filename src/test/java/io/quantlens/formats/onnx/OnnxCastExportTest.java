package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.onnx.OnnxQuantizedWriter.Form;
import io.quantlens.formats.onnx.OnnxQuantizedWriter.Kind;
import io.quantlens.model.Layer;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import io.quantlens.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --to onnx} of fp16 and bf16 layers: the weight stored as FLOAT16 / BFLOAT16 behind
 * one Cast to float. {@link OnnxQuantizedExportTest#check} runs ONNX Runtime on the export against
 * ONNX Runtime on the original with the simulated weights, reads the export back and counts its
 * bytes; the values here are hand-derived from IEEE 754 round to nearest even.
 */
class OnnxCastExportTest {
  private static final PrecisionPlan FP16 = PrecisionPlan.uniform(Scheme.parse("fp16"));
  private static final PrecisionPlan BF16 = PrecisionPlan.uniform(Scheme.parse("bf16"));

  @TempDir Path dir;

  @Test
  void aMatMulAndTheMnistCnnsConvAndGemmLayersRunAsTheirSimulation() throws Exception {
    Path matMul = OnnxQuantizedExportTest.matMulGraph(dir);
    OnnxQuantizedExportTest.check(dir, matMul, FP16, "matmul-fp16");
    OnnxQuantizedExportTest.check(dir, matMul, BF16, "matmul-bf16");
    Path mnist = Session.open("mnist-cnn").model().source();
    OnnxQuantizedExportTest.check(dir, mnist, FP16, "mnist-fp16");
    OnnxQuantizedExportTest.check(dir, mnist, BF16, "mnist-bf16");

    GraphProto g = graph(dir.resolve("mnist-fp16.onnx"));
    NodeProto cast = node(g, "conv1.weight_cast");
    assertEquals("Cast", cast.getOpType());
    assertEquals(List.of("conv1.weight"), cast.getInputList());
    assertEquals(OnnxDataType.FLOAT, Nodes.longAttribute(cast, "to", -1));
    assertEquals("conv1.weight_cast_output", node(g, "conv1").getInput(1));
    TensorProto w = initializer(g, "conv1.weight");
    assertEquals(OnnxDataType.FLOAT16, w.getDataType());
    assertEquals(List.of(16L, 1L, 3L, 3L), w.getDimsList());
    // biases stay FP32: only the weights the plan's layers name change
    assertEquals(OnnxDataType.FLOAT, initializer(g, "conv1.bias").getDataType());
    // the graph's inputs and outputs keep their types
    assertEquals(
        ModelProto.parseFrom(Files.readAllBytes(mnist)).getGraph().getInputList(),
        g.getInputList());
    assertEquals(
        ModelProto.parseFrom(Files.readAllBytes(mnist)).getGraph().getOutputList(),
        g.getOutputList());
  }

  /** One plan, three forms: conv1 QDQ, conv2 FP16, fc1 MatMulNBits, fc2 BF16. */
  @Test
  void aMixedPlanOfQdqMatMulNBitsAndCastRunsInOnnxRuntime() throws Exception {
    Path mnist = Session.open("mnist-cnn").model().source();
    PrecisionPlan plan =
        PrecisionPlan.fp32()
            .with("conv1", Scheme.parse("int8:channel:sym"))
            .with("conv2", Scheme.parse("fp16"))
            .with("fc1", Scheme.parse("int4:g32:asym"))
            .with("fc2", Scheme.parse("bf16"));
    OnnxQuantizedExportTest.check(dir, mnist, plan, "mnist-mixed");
    GraphProto g = graph(dir.resolve("mnist-mixed.onnx"));
    assertEquals("DequantizeLinear", node(g, "conv1.weight_DequantizeLinear").getOpType());
    assertEquals("Cast", node(g, "conv2.weight_cast").getOpType());
    assertEquals("MatMulNBits", node(g, "fc1_Q4").getOpType());
    assertEquals("Cast", node(g, "fc2.weight_cast").getOpType());
    assertEquals(OnnxDataType.BFLOAT16, initializer(g, "fc2.weight").getDataType());
  }

  /** A weight two MatMuls read gets one Cast, before the first, feeding both. */
  @Test
  void aSharedWeightGetsOneCastForEveryReader() throws Exception {
    Random random = new Random(5);
    float[] w = new float[32 * 8];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 4, 32).input("x2", FLOAT, 4, 32).output("y", FLOAT, 4, 8);
    m.initializer(OnnxTestModel.floats("w", new long[] {32, 8}, w));
    m.node("MatMul", "first", List.of("x", "w"), List.of("a"));
    m.node("MatMul", "second", List.of("x2", "w"), List.of("b"));
    m.node("Add", "sum", List.of("a", "b"), List.of("y"));
    Path source = m.write(dir.resolve("shared-source.onnx"));
    OnnxQuantizedExportTest.check(dir, source, FP16, "shared");
    GraphProto g = graph(dir.resolve("shared.onnx"));
    assertEquals(4, g.getNodeCount());
    assertEquals("w_cast", g.getNode(0).getName());
    assertEquals("w_cast_output", g.getNode(1).getInput(1));
    assertEquals("w_cast_output", g.getNode(2).getInput(1));
  }

  /**
   * Values whose FP16 and BF16 bits follow from IEEE 754 binary16 / bfloat16 by hand: exact values,
   * ties to even, subnormals, the largest finite value and overflow to infinity.
   */
  @Test
  void theStoredBitsAreRoundToNearestEvenOfTheOriginal() throws Exception {
    float tie = 0x1.0p-24f;
    float[] w = {
      1f, // 0x3C00
      1 + 0x1.0p-11f, // halfway between 1 and 1 + 2^-10: to even, 1 (0x3C00)
      1 + 3 * 0x1.0p-11f, // halfway between 1 + 2^-10 and 1 + 2^-9: to even, 1 + 2^-9 (0x3C02)
      tie, // the smallest subnormal 2^-24 (0x0001)
      0x1.0p-25f, // halfway between 0 and 2^-24: to even, 0 (0x0000)
      1.5f * tie, // halfway between 1 and 2 steps of 2^-24: to even, 2 (0x0002)
      1e-7f, // 1.68 · 2^-24: 2 steps (0x0002); onnxconverter-common would store its 1e-7 floor
      -0f, // 0x8000
      65504f, // the largest finite value (0x7BFF)
      65519f, // below the halfway point 65520: 65504 (0x7BFF)
      65520f, // halfway between 65504 (odd) and 65536: to even, overflows to +Inf (0x7C00)
      -1e5f, // -Inf (0xFC00)
      -2.5f, // exact (0xC100)
      0.1f, // 0x2E66: 0.1 = 1.6 · 2^-4, mantissa 0.6 · 1024 = 614.4 → 614
      0x1.0p-14f, // the smallest normal (0x0400)
      Float.MAX_VALUE // +Inf (0x7C00)
    };
    int[] fp16 = {
      0x3C00, 0x3C00, 0x3C02, 0x0001, 0x0000, 0x0002, 0x0002, 0x8000, 0x7BFF, 0x7BFF, 0x7C00,
      0xFC00, 0xC100, 0x2E66, 0x0400, 0x7C00
    };
    // bfloat16 keeps float32's top 16 bits, rounded half to even on the low 16
    float[] b = {
      1 + 0x1.0p-8f, // halfway between 1 and 1 + 2^-7: to even, 1 (0x3F80)
      1 + 3 * 0x1.0p-8f, // halfway between 1 + 2^-7 and 1 + 2^-6: to even, 1 + 2^-6 (0x3F82)
      0x1.0p-133f, // the smallest bfloat16 subnormal, float32 bits 0x00010000 (0x0001)
      0x1.0p-134f, // halfway between 0 and 2^-133: to even, 0 (0x0000)
      3 * 0x1.0p-134f, // halfway between 1 and 2 steps of 2^-133: to even, 2 (0x0002)
      Float.MAX_VALUE, // above the halfway point of the largest bfloat16 0x7F7F: +Inf (0x7F80)
      -3.0e38f, // float32 0xFF61B1E6: low half 0xB1E6 > 0x8000, up to 0xFF62
      0.1f // float32 0x3DCCCCCD: low half 0xCCCD > 0x8000, up to 0x3DCD
    };
    int[] bf16 = {0x3F80, 0x3F82, 0x0001, 0x0000, 0x0002, 0x7F80, 0xFF62, 0x3DCD};

    assertStored(w, fp16, "fp16", OnnxDataType.FLOAT16);
    assertStored(b, bf16, "bf16", OnnxDataType.BFLOAT16);
  }

  /** The same file in two forms: one file, or the weights in {@code OUT.data}. */
  @Test
  void anFp16ExportWithExternalDataRunsAsTheSingleFile() throws Exception {
    Path source = OnnxQuantizedExportTest.matMulGraph(dir);
    Map<String, Form> forms = Map.of("mm", new Form(Kind.CAST, Scheme.parse("fp16")));
    Path single = dir.resolve("single.onnx");
    assertTrue(OnnxQuantizedWriter.open(source).write(forms, single).dataFile().isEmpty());
    Path split = dir.resolve("split.onnx");
    Path data = OnnxQuantizedWriter.open(source).write(forms, split, 0).dataFile().orElseThrow();
    // w [96, 24] in FP16 is 4,608 bytes, over the 1,024-byte threshold; the bias is 96 bytes
    assertEquals(2L * OnnxQuantizedExportTest.K * OnnxQuantizedExportTest.N, Files.size(data));
    TensorProto w = initializer(graph(split), "w");
    assertEquals(TensorProto.DataLocation.EXTERNAL, w.getDataLocation());
    assertEquals(OnnxDataType.FLOAT16, w.getDataType());
    assertArrayEquals(run(single), run(split));
    Layer a = ModelFiles.open(single).layers().get(0);
    Layer c = ModelFiles.open(split).layers().get(0);
    assertArrayEquals(values(a), values(c));
  }

  /**
   * PaddleOCR's classifier (opset 9, weights in Constant nodes): FP16 becomes initializers with a
   * Cast; BF16 is refused, since Cast takes bfloat16 from opset 13.
   */
  @Test
  void thePaddleOcrClassifierTakesFp16AndRefusesBf16BeforeOpset13() throws Exception {
    Path source = Path.of("src/test/resources/real-models/ch_ppocr_mobile_v2.0_cls_infer.onnx");
    OnnxQuantizedExportTest.check(dir, source, FP16, "paddle-fp16");
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class,
            () -> Session.open(source).exports().onnx(BF16, dir.resolve("paddle-bf16.onnx")));
    assertTrue(
        e.getMessage().endsWith("bf16 needs a Cast from opset 13; the model imports opset 9"),
        e.getMessage());
    assertTrue(!Files.exists(dir.resolve("paddle-bf16.onnx")));
  }

  /** all-MiniLM-L6-v2 (91 MB, not made by the project): every layer FP16, and BF16. */
  @Test
  void theMiniLmEncoderRunsAsItsSimulation() throws Exception {
    Path miniLm = TestModels.miniLm();
    OnnxQuantizedExportTest.check(dir, miniLm, FP16, "minilm-fp16");
    Path out = dir.resolve("minilm-fp16.onnx");
    long layers = ModelFiles.open(miniLm).layers().size();
    assertEquals(
        layers,
        graph(out).getNodeList().stream().filter(n -> n.getOpType().equals("Cast")).count()
            - castsIn(miniLm));
    Files.delete(out);
    OnnxQuantizedExportTest.check(dir, miniLm, BF16, "minilm-bf16");
  }

  private void assertStored(float[] values, int[] bits, String scheme, int type) throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 1, values.length).output("y", FLOAT, 1, 1);
    m.initializer(OnnxTestModel.floats("w", new long[] {values.length, 1}, values));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    Path source = m.write(dir.resolve(scheme + "-values-source.onnx"));
    Path out = dir.resolve(scheme + "-values.onnx");
    Session.open(source).exports().onnx(PrecisionPlan.uniform(Scheme.parse(scheme)), out);
    TensorProto w = initializer(graph(out), "w");
    assertEquals(type, w.getDataType());
    ByteBuffer raw = w.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2 * values.length, raw.remaining());
    float[] back = values(ModelFiles.open(out).layers().get(0));
    for (int i = 0; i < values.length; i++) {
      int stored = raw.getShort(2 * i) & 0xFFFF;
      assertEquals(bits[i], stored, scheme + " of " + values[i] + " @" + i);
      // read back by QuantLens: the value of those bits, decoded independently here
      float expected =
          type == OnnxDataType.BFLOAT16 ? Float.intBitsToFloat(bits[i] << 16) : half(bits[i]);
      assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(back[i]), "@" + i);
    }
  }

  /** binary16 bits → float: (−1)^s · 2^(e−15) · (1 + m/1024), or 2^-14 · m/1024 when e = 0. */
  private static float half(int bits) {
    int e = (bits >> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    double magnitude =
        e == 0x1F
            ? Double.POSITIVE_INFINITY
            : e == 0
                ? Math.scalb(mantissa / 1024.0, -14)
                : Math.scalb(1 + mantissa / 1024.0, e - 15);
    return (float) ((bits & 0x8000) != 0 ? -magnitude : magnitude);
  }

  private static long castsIn(Path file) throws Exception {
    return graph(file).getNodeList().stream().filter(n -> n.getOpType().equals("Cast")).count();
  }

  private static GraphProto graph(Path file) throws Exception {
    return ModelProto.parseFrom(Files.readAllBytes(file)).getGraph();
  }

  private static NodeProto node(GraphProto g, String name) {
    return g.getNodeList().stream()
        .filter(n -> n.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node " + name));
  }

  private static TensorProto initializer(GraphProto g, String name) {
    return g.getInitializerList().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no initializer " + name));
  }

  private static float[] values(Layer l) {
    float[] v = new float[Math.toIntExact(l.weight().elementCount())];
    l.weight().reader().read(0, v, 0, v.length);
    return v;
  }

  private static float[] run(Path file) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    float[] x = new float[OnnxQuantizedExportTest.M * OnnxQuantizedExportTest.K];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i * 0.37);
    }
    long[] shape = {OnnxQuantizedExportTest.M, OnnxQuantizedExportTest.K};
    try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions());
        OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
        OrtSession.Result r = s.run(Map.of("x", t))) {
      FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] y = new float[fb.remaining()];
      fb.get(y);
      return y;
    }
  }
}
