package io.quantlens.formats.safetensors;

import io.quantlens.quant.HalfFloats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes small MLX-quantized checkpoints: packed U32 codes, scales, biases and a config.json. */
public final class MlxFiles {
  private MlxFiles() {}

  /** Codes packed as MLX packs them: one little-endian bit stream, least significant bits first. */
  public static byte[] pack(int[] codes, int bits) {
    byte[] bytes = new byte[(int) ((long) codes.length * bits / 8)];
    for (int i = 0; i < codes.length; i++) {
      for (int b = 0; b < bits; b++) {
        if ((codes[i] >>> b & 1) != 0) {
          long bit = (long) i * bits + b;
          bytes[(int) (bit / 8)] |= (byte) (1 << (bit % 8));
        }
      }
    }
    return bytes;
  }

  /** {@code name} of type U32 and shape {@code [rows, in·bits/32]} holding the codes. */
  public static TensorSpec packed(String name, long rows, long in, int bits, int[] codes) {
    return new TensorSpec(
        name, "U32", new long[] {rows, in * bits / 32}, ByteSource.of(pack(codes, bits)));
  }

  public static TensorSpec f16(String name, long[] shape, float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bytes.putShort(HalfFloats.toFp16(v));
    }
    return new TensorSpec(name, "F16", shape, ByteSource.of(bytes.array()));
  }

  public static TensorSpec f32(String name, long[] shape, float[] values) {
    return new TensorSpec(name, "F32", shape, ByteSource.float32(values));
  }

  /** Codes {@code (i·7 + 3) mod 2^bits}: every value of the range, in no simple order. */
  public static int[] codes(int count, int bits) {
    int[] q = new int[count];
    for (int i = 0; i < count; i++) {
      q[i] = (i * 7 + 3) % (1 << bits);
    }
    return q;
  }

  /** Scale {@code (g+1)/8} for group g (exact in F16), negative for odd groups. */
  public static float scale(int group) {
    return (group % 2 == 0 ? 1 : -1) * (group + 1) / 8f;
  }

  /** Bias {@code g/4 − 1} for group g (exact in F16). */
  public static float bias(int group) {
    return group / 4f - 1;
  }

  /** The scales, biases and codes of one quantized layer {@code [rows, in]}. */
  public static List<TensorSpec> layer(String layer, int rows, int in, int bits, int group) {
    int groups = rows * (in / group);
    float[] scales = new float[groups];
    float[] biases = new float[groups];
    for (int g = 0; g < groups; g++) {
      scales[g] = scale(g);
      biases[g] = bias(g);
    }
    long[] paramShape = {rows, in / group};
    return List.of(
        packed(layer + ".weight", rows, in, bits, codes(rows * in, bits)),
        f16(layer + ".scales", paramShape, scales),
        f16(layer + ".biases", paramShape, biases));
  }

  /** What {@link #layer} dequantizes to, in float32: scale·q + bias. */
  public static float[] expected(int rows, int in, int bits, int group) {
    int[] q = codes(rows * in, bits);
    float[] w = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      int g = i / group;
      w[i] = scale(g) * q[i] + bias(g);
    }
    return w;
  }

  /**
   * Two quantized layers in {@code dir}/model.safetensors with a config.json: {@code
   * model.layers.0.mlp.down_proj} [8, 64] at 8 bits, group 32 (a per-layer entry) and {@code
   * model.layers.0.mlp.up_proj} [4, 128] at the default 4 bits, group 64; also a plain F16 layer
   * {@code lm_head} [4, 8] and a norm.
   */
  public static Path twoLayerModel(Path dir) throws IOException {
    List<TensorSpec> specs = new java.util.ArrayList<>();
    specs.addAll(layer("model.layers.0.mlp.down_proj", 8, 64, 8, 32));
    specs.addAll(layer("model.layers.0.mlp.up_proj", 4, 128, 4, 64));
    specs.add(f16("model.norm.weight", new long[] {8}, new float[8]));
    specs.add(f16("lm_head.weight", new long[] {4, 8}, new float[32]));
    Path file = dir.resolve("model.safetensors");
    SafetensorsWriter.write(file, specs, Map.of("format", "mlx"));
    config(
        dir,
        "{\"model_type\": \"llama\", \"quantization\": {\"group_size\": 64, \"bits\": 4,"
            + " \"model.layers.0.mlp.down_proj\": {\"group_size\": 32, \"bits\": 8},"
            + " \"lm_head\": false}}");
    return file;
  }

  public static void config(Path dir, String json) throws IOException {
    Files.writeString(dir.resolve("config.json"), json, StandardCharsets.UTF_8);
  }
}
