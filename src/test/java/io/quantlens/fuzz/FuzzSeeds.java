package io.quantlens.fuzz;

import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.gguf.GgufWriter;
import io.quantlens.formats.npy.Npy;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.onnx.OnnxTestModel;
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
}
