package io.quantlens.ui.app;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT16;
import static io.quantlens.formats.onnx.OnnxTestModel.INT8;
import static io.quantlens.formats.onnx.OnnxTestModel.UINT8;
import static io.quantlens.formats.onnx.OnnxTestModel.intAttribute;

import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.quant.HalfFloats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Small ONNX models whose weights are stored below FP32, as exporters write them: an FP16 weight
 * through Cast to float, an int8 QDQ weight per channel and a 4-bit MatMulNBits weight.
 */
public final class StoredModels {
  /** fc1's weight: [64, 64] FP16, 8,192 bytes as stored, 16,384 at FP32. */
  public static final int HIDDEN = 64;

  private StoredModels() {}

  /** x [batch, 64] · fc1 (FP16 through Cast) → y [batch, 64]. */
  public static Path fp16(Path file) throws IOException {
    OnnxTestModel m = new OnnxTestModel().input("x", FLOAT, "batch", HIDDEN);
    fc1(m, new Random(1), "y");
    return m.output("y", FLOAT, "batch", HIDDEN).write(file);
  }

  /**
   * fc1 as in {@link #fp16}, then fc2: int8 [64, 32] per output channel through DequantizeLinear,
   * then fc3: MatMulNBits 4-bit block 32, [16 outputs, 32 inputs], symmetric. As stored: 8,192 +
   * 2,048 + 256 bytes of weights and 128 + 32 + 64 of scales and zero points, 10,720 in all; at
   * FP32 4 · (4,096 + 2,048 + 512) + 224 = 26,848.
   */
  public static Path mixed(Path file) throws IOException {
    Random random = new Random(2);
    OnnxTestModel m =
        new OnnxTestModel().opset("com.microsoft", 1).input("x", FLOAT, "batch", HIDDEN);
    fc1(m, random, "h1");
    int out2 = 32;
    int[] codes = new int[HIDDEN * out2];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = random.nextInt(255) - 127;
    }
    float[] scales = new float[out2];
    for (int i = 0; i < out2; i++) {
      scales[i] = 0.002f * (1 + random.nextInt(8));
    }
    m.initializer(OnnxTestModel.bytes("w2_q", INT8, new long[] {HIDDEN, out2}, codes));
    m.initializer(OnnxTestModel.floats("w2_scale", new long[] {out2}, scales));
    m.initializer(OnnxTestModel.bytes("w2_zero", INT8, new long[] {out2}, new int[out2]));
    m.node(
        "DequantizeLinear",
        "dq2",
        List.of("w2_q", "w2_scale", "w2_zero"),
        List.of("w2"),
        intAttribute("axis", 1));
    m.node("MatMul", "fc2", List.of("h1", "w2"), List.of("h2"));
    int n = 16;
    int block = 32;
    byte[] packed = new byte[n * block / 2];
    random.nextBytes(packed);
    float[] blockScales = new float[n];
    for (int i = 0; i < n; i++) {
      blockScales[i] = 0.01f * (1 + random.nextInt(4));
    }
    m.initializer(OnnxTestModel.raw("w3", UINT8, new long[] {n, 1, block / 2}, packed));
    m.initializer(OnnxTestModel.floats("w3_scale", new long[] {n, 1}, blockScales));
    m.nodeIn(
        "com.microsoft",
        "MatMulNBits",
        "fc3",
        List.of("h2", "w3", "w3_scale"),
        List.of("y"),
        intAttribute("K", out2),
        intAttribute("N", n),
        intAttribute("bits", 4),
        intAttribute("block_size", block));
    return m.output("y", FLOAT, "batch", n).write(file);
  }

  private static void fc1(OnnxTestModel m, Random random, String output) {
    int[] bits = new int[HIDDEN * HIDDEN];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = HalfFloats.toFp16((float) random.nextGaussian() * 0.1f) & 0xFFFF;
    }
    m.initializer(OnnxTestModel.shorts("w1", FLOAT16, new long[] {HIDDEN, HIDDEN}, bits));
    m.node("Cast", "cast1", List.of("w1"), List.of("w1f"), intAttribute("to", FLOAT));
    m.node("MatMul", "fc1", List.of("x", "w1f"), List.of(output));
  }
}
