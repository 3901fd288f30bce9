package io.quantlens.fuzz;

import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufWriter;
import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.formats.openvino.IrWriter;
import io.quantlens.formats.safetensors.SafetensorsWriter;
import io.quantlens.formats.safetensors.TensorSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Makes the committed seed corpus of the fuzz targets (src/test/resources/fuzz/seeds): small valid
 * files of every format QuantLens reads. Run {@code main} with the folder to write again.
 */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  public static void main(String[] args) throws IOException {
    write(Path.of(args.length > 0 ? args[0] : "src/test/resources/fuzz/seeds"));
  }

  static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    float[] w = new float[64];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) Math.sin(i * 0.7) * (i % 9 == 0 ? 4 : 1);
    }
    new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, "N", 8)
        .initializer(OnnxTestModel.floats("w", new long[] {8, 8}, w))
        .node("MatMul", "mm", List.of("x", "w"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, "N", 8)
        .write(dir.resolve("matmul.onnx"));
    int[] codes = new int[64];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = (i * 37) % 255 - 127;
    }
    new OnnxTestModel()
        .input("x", OnnxTestModel.FLOAT, "N", 8)
        .initializer(OnnxTestModel.bytes("wq", OnnxTestModel.INT8, new long[] {8, 8}, codes))
        .initializer(OnnxTestModel.floats("s", new long[0], 0.05f))
        .node("DequantizeLinear", "dq", List.of("wq", "s"), List.of("wt"))
        .node("Transpose", "t", List.of("wt"), List.of("w"))
        .node("MatMul", "mm", List.of("x", "w"), List.of("y"))
        .output("y", OnnxTestModel.FLOAT, "N", 8)
        .write(dir.resolve("qdq-transpose.onnx"));
    openVino(dir.resolve("nncf.xml"));
    new GgufWriter()
        .tensorFromFloats("blk.0.ffn_up.weight", GgmlType.Q4_K, new long[] {2, 256}, ramp())
        .tensorFromFloats("blk.0.attn_q.weight", GgmlType.Q8_0, new long[] {4, 32}, ramp())
        .tensorFromFloats("token_embd.weight", GgmlType.F16, new long[] {4, 16}, ramp())
        .write(dir.resolve("blocks.gguf"));
    SafetensorsWriter.write(
        dir.resolve("small.safetensors"),
        List.of(
            new TensorSpec(
                "model.layers.0.mlp.up_proj.weight",
                "F32",
                new long[] {4, 8},
                (offset, target) -> {
                  while (target.hasRemaining()) {
                    target.put((byte) (offset++ * 13));
                  }
                })),
        Map.of("format", "pt"));
    try (OutputStream out = Files.newOutputStream(dir.resolve("x.npy"))) {
      Npy.write(out, NpyArray.ofFloats(new long[] {2, 8}, java.util.Arrays.copyOf(w, 16)));
    }
    Files.writeString(
        dir.resolve("plan.json"),
        "{\"version\": 1, \"default\": \"int8\", \"layers\": {\"mm\": \"int4:g32:sym\"}}\n");
    Files.writeString(
        dir.resolve("seed.quantlens.json"),
        "{\"quantlens_project\": 1, \"model\": \"matmul.onnx\", \"plan\": {\"version\": 1,"
            + " \"default\": \"fp32\", \"layers\": {\"mm\": \"int8:channel:sym\"}},"
            + " \"hardware\": \"raspberry-pi-5-cpu\", \"workload\": {\"batch\": 1, \"dims\":"
            + " {}}, \"view\": {\"layer\": \"mm\"}}\n");
    Files.copy(
        Path.of("assets/hardware/raspberry-pi-5-cpu.json"),
        dir.resolve("raspberry-pi-5-cpu.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static io.quantlens.model.TensorReader ramp() {
    return (start, dst, offset, count) -> {
      for (int i = 0; i < count; i++) {
        dst[offset + i] = (float) Math.cos((start + i) * 0.3) * 0.1f;
      }
    };
  }

  /**
   * An IR with an NNCF int4_sym g8 MatMul (i4 codes, f16 scales, Reshape) feeding an int8_asym
   * per-channel MatMul (u8 codes and zero points), and an f16 embedding Gather.
   */
  static void openVino(Path xml) throws IOException {
    var w = new IrWriter();
    int ids = w.parameter("ids", "i64", 1, 2);
    int table = w.constant("embed", "f16", new long[] {4, 16}, IrWriter.f16(ramp16()));
    int axis = w.constant("axis", "i64", new long[0], new byte[8]);
    int x =
        w.op(
            "gather",
            "Gather",
            Map.of("batch_dims", "0"),
            new long[] {1, 2, 16},
            "f32",
            w.convert("embed/convert", "f32", table),
            ids,
            axis);
    int[] codes = new int[64];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = (i * 5) % 16 - 8;
    }
    int q =
        w.convert(
            "fc1/c", "f16", w.constant("fc1", "i4", new long[] {4, 2, 8}, IrWriter.nibbles(codes)));
    int s =
        w.constant(
            "fc1/scale",
            "f16",
            new long[] {4, 2, 1},
            IrWriter.f16(0.5, 0.25, 1, 2, 0.125, 4, 0.75, 1.5));
    int mul = w.op("fc1/mul", "Multiply", Map.of(), new long[] {4, 2, 8}, "f16", q, s);
    int shape =
        w.constant(
            "fc1/shape",
            "i64",
            new long[] {2},
            IrWriter.bytes(4, 0, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0));
    int rs =
        w.op(
            "fc1/reshape",
            "Reshape",
            Map.of("special_zero", "false"),
            new long[] {4, 16},
            "f16",
            mul,
            shape);
    int fc1 =
        w.op(
            "fc1/matmul",
            "MatMul",
            Map.of("transpose_b", "true"),
            new long[] {1, 2, 4},
            "f32",
            x,
            w.convert("fc1/f32", "f32", rs));
    int q2 =
        w.convert(
            "fc2/c",
            "f16",
            w.constant(
                "fc2", "u8", new long[] {2, 4}, IrWriter.bytes(0, 100, 200, 255, 7, 8, 9, 10)));
    int zp =
        w.convert(
            "fc2/zc",
            "f16",
            w.constant("fc2/zero_point", "u8", new long[] {2, 1}, IrWriter.bytes(128, 8)));
    int sub = w.op("fc2/sub", "Subtract", Map.of(), new long[] {2, 4}, "f16", q2, zp);
    int mul2 =
        w.op(
            "fc2/mul",
            "Multiply",
            Map.of(),
            new long[] {2, 4},
            "f16",
            sub,
            w.constant("fc2/scale", "f16", new long[] {2, 1}, IrWriter.f16(0.01171875, 3)));
    int fc2 =
        w.op(
            "fc2/matmul",
            "MatMul",
            Map.of("transpose_b", "true"),
            new long[] {1, 2, 2},
            "f32",
            fc1,
            w.convert("fc2/f32", "f32", mul2));
    w.result("y", fc2);
    w.write(xml);
  }

  private static double[] ramp16() {
    double[] out = new double[64];
    for (int i = 0; i < out.length; i++) {
      out[i] = (i - 32) / 16.0;
    }
    return out;
  }
}
