package io.quantlens.formats.openvino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Layer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Float weights compressed here as NNCF's weight_lowering.py describes (docs/file-formats.md
 * #openvino-ir-decompression; the quantizer's rules as
 * src/main/java/io/quantlens/quant/NncfQuantizer states them), written with the subgraph NNCF's
 * OpenVINO backend builds, read back, and compared with the subgraph's formula evaluated here in
 * double with f16 rounding after each step.
 */
class NncfRoundTripTest {
  @TempDir Path dir;

  private static float[] weights(int n, long seed) {
    Random r = new Random(seed);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) (r.nextGaussian() * 0.05);
    }
    return w;
  }

  @Test
  void int8AsymmetricPerChannel() throws Exception {
    int rows = 4;
    int cols = 16;
    float[] w = weights(rows * cols, 7);
    int[] q = new int[w.length];
    int[] zp = new int[rows];
    double[] scale = new double[rows];
    for (int r = 0; r < rows; r++) {
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (int c = 0; c < cols; c++) {
        min = Math.min(min, w[r * cols + c]);
        max = Math.max(max, w[r * cols + c]);
      }
      float s = (max - min) / 255f;
      zp[r] = (int) Math.max(0, Math.min(255, -Math.rint(min / s)));
      for (int c = 0; c < cols; c++) {
        q[r * cols + c] = (int) Math.max(0, Math.min(255, Math.rint(w[r * cols + c] / s + zp[r])));
      }
      scale[r] = IrWriter.Halves.round(s); // NNCF stores the scale as f16
    }
    var ir = new IrWriter();
    int x = ir.parameter("x", "f32", 1, cols);
    byte[] codes = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      codes[i] = (byte) q[i];
    }
    byte[] zps = new byte[rows];
    for (int r = 0; r < rows; r++) {
      zps[r] = (byte) zp[r];
    }
    int qc = ir.convert("w/c", "f16", ir.constant("w", "u8", new long[] {rows, cols}, codes));
    int zc =
        ir.convert("w/zc", "f16", ir.constant("w/zero_point", "u8", new long[] {rows, 1}, zps));
    int sub = ir.op("w/sub", "Subtract", Map.of(), new long[] {rows, cols}, "f16", qc, zc);
    int mul =
        ir.op(
            "w/mul",
            "Multiply",
            Map.of(),
            new long[] {rows, cols},
            "f16",
            sub,
            ir.constant("w/scale", "f16", new long[] {rows, 1}, IrWriter.f16(scale)));
    int f32 = ir.convert("w/f32", "f32", mul);
    ir.result(
        "y",
        ir.op("fc", "MatMul", Map.of("transpose_b", "true"), new long[] {1, rows}, "f32", x, f32));
    Layer l = ModelFiles.open(ir.write(dir.resolve("int8.xml"))).layers().get(0);
    float[] expected = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      int r = i / cols;
      expected[i] = (float) IrWriter.Halves.round((q[i] - zp[r]) * scale[r]);
      // and the reconstruction is within half a step (plus f16 rounding) of the original
      assertTrue(Math.abs(expected[i] - w[i]) <= 0.51 * scale[r] + 1e-4, i + ": " + w[i]);
    }
    assertArrayEquals(expected, OpenVinoReaderTest.values(l.weight()));
    assertTrue(l.storage().startsWith("NNCF int8_asym per-channel"), l.storage());
  }

  @Test
  void int4SymmetricGroupsOfEight() throws Exception {
    int rows = 3;
    int cols = 32;
    int group = 8;
    int groups = cols / group;
    float[] w = weights(rows * cols, 11);
    int[] q = new int[w.length];
    double[] scale = new double[rows * groups];
    for (int g = 0; g < rows * groups; g++) {
      float min = Float.MAX_VALUE;
      float max = -Float.MAX_VALUE;
      for (int k = 0; k < group; k++) {
        min = Math.min(min, w[g * group + k]);
        max = Math.max(max, w[g * group + k]);
      }
      // the larger-magnitude edge maps to −8 (NNCF's signed scale)
      float s = (Math.abs(min) >= max ? Math.abs(min) : -max) / 8f;
      for (int k = 0; k < group; k++) {
        q[g * group + k] = (int) Math.max(-8, Math.min(7, Math.rint(w[g * group + k] / s)));
      }
      scale[g] = IrWriter.Halves.round(s);
    }
    var ir = new IrWriter();
    int x = ir.parameter("x", "f32", 1, cols);
    int qc =
        ir.convert(
            "w/c",
            "f16",
            ir.constant("w", "i4", new long[] {rows, groups, group}, IrWriter.nibbles(q)));
    int mul =
        ir.op(
            "w/mul",
            "Multiply",
            Map.of(),
            new long[] {rows, groups, group},
            "f16",
            qc,
            ir.constant("w/scale", "f16", new long[] {rows, groups, 1}, IrWriter.f16(scale)));
    int shape =
        ir.constant(
            "w/shape",
            "i64",
            new long[] {2},
            IrWriter.bytes(rows, 0, 0, 0, 0, 0, 0, 0, cols, 0, 0, 0, 0, 0, 0, 0));
    int rs =
        ir.op(
            "w/rs",
            "Reshape",
            Map.of("special_zero", "false"),
            new long[] {rows, cols},
            "f16",
            mul,
            shape);
    int f32 = ir.convert("w/f32", "f32", rs);
    ir.result(
        "y",
        ir.op("fc", "MatMul", Map.of("transpose_b", "true"), new long[] {1, rows}, "f32", x, f32));
    Layer l = ModelFiles.open(ir.write(dir.resolve("int4.xml"))).layers().get(0);
    float[] expected = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      expected[i] = (float) IrWriter.Halves.round(q[i] * scale[i / group]);
    }
    assertArrayEquals(expected, OpenVinoReaderTest.values(l.weight()));
    // reading from the middle gives the same values as reading the whole tensor
    float[] middle = new float[20];
    l.weight().reader().read(37, middle, 0, 20);
    assertArrayEquals(java.util.Arrays.copyOfRange(expected, 37, 57), middle);
    // 4-bit codes plus one f16 scale per 8 weights: 4 + 16/8 = 6 bits a weight
    assertTrue(l.storage().startsWith("NNCF int4_sym g8, 6 bits per weight"), l.storage());
    assertEquals(rows * cols / 2, l.weight().storedBytes());
  }
}
