package io.quantlens.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantlens.formats.safetensors.MlxWriter.Quantization;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.quant.HalfFloats;
import io.quantlens.testing.GoldenBlock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLX folders written from a plan: golden.md's MLX vector byte for byte, the reader's view of what
 * was written, and config.json's per-layer entries.
 */
class MlxWriterTest {
  @TempDir Path dir;

  @Test
  void theGoldenGroupIsWrittenAsItsFourWordsScaleAndBias() throws Exception {
    Path source = dir.resolve("src.safetensors");
    SafetensorsWriter.write(
        source,
        List.of(MlxFiles.f32("proj.weight", new long[] {1, 32}, GoldenBlock.x())),
        Map.of());
    Model model = new SafetensorsReader().read(source);
    Path out = dir.resolve("mlx");
    Path written = MlxWriter.write(model, Map.of("proj", new Quantization(4, 32)), List.of(), out);

    Map<String, byte[]> raw = rawTensors(written);
    ByteBuffer words = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    for (int w : SafetensorsMlxTest.GOLDEN_WORDS) {
      words.putInt(w);
    }
    assertArrayEquals(words.array(), raw.get("proj.weight"));
    assertEquals(
        SafetensorsMlxTest.GOLDEN_SCALE,
        ByteBuffer.wrap(raw.get("proj.scales")).order(ByteOrder.LITTLE_ENDIAN).getFloat());
    assertEquals(
        SafetensorsMlxTest.GOLDEN_BIAS,
        ByteBuffer.wrap(raw.get("proj.biases")).order(ByteOrder.LITTLE_ENDIAN).getFloat());

    Layer back = new SafetensorsReader().read(written).layers().get(0);
    assertEquals("MLX affine 4-bit, group 32 (scales and biases F32)", back.storage());
    float[] values = new float[32];
    back.weight().reader().read(0, values, 0, 32);
    for (int i = 0; i < 32; i++) {
      float expected =
          SafetensorsMlxTest.GOLDEN_SCALE * SafetensorsMlxTest.GOLDEN_Q[i]
              + SafetensorsMlxTest.GOLDEN_BIAS;
      assertEquals(expected, values[i], 0f, "element " + i);
    }
  }

  @Test
  void fp16WeightsKeepFp16ScalesAndTheConfigNamesEachLayersForm() throws Exception {
    float[] a = ramp(8 * 128, 0.01f);
    float[] b = ramp(4 * 64, -0.02f);
    Path source = dir.resolve("m.safetensors");
    SafetensorsWriter.write(
        source,
        List.of(
            f16("model.layers.0.mlp.up_proj.weight", new long[] {8, 128}, a),
            f16("model.layers.0.mlp.down_proj.weight", new long[] {4, 64}, b),
            f16("lm_head.weight", new long[] {4, 64}, b)),
        Map.of());
    Files.writeString(
        dir.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": 64}");
    Model model = new SafetensorsReader().read(source);
    Path out = dir.resolve("out");
    Path written =
        MlxWriter.write(
            model,
            Map.of(
                "model.layers.0.mlp.up_proj", new Quantization(4, 64),
                "model.layers.0.mlp.down_proj", new Quantization(8, 32)),
            List.of("lm_head"),
            out);
    JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
    assertEquals("llama", config.get("model_type").asText(), "the source's config is kept");
    JsonNode q = config.get("quantization");
    // two layers, one form each: the first in map order is not guaranteed, so check both shapes
    assertTrue(q.get("bits").asInt() == 4 || q.get("bits").asInt() == 8, q.toString());
    assertEquals(false, q.get("lm_head").asBoolean(true));
    assertEquals(config.get("quantization"), config.get("quantization_config"));

    Model back = new SafetensorsReader().read(written);
    Map<String, Layer> layers = new java.util.HashMap<>();
    back.layers().forEach(l -> layers.put(l.name(), l));
    assertEquals(
        "MLX affine 4-bit, group 64 (scales and biases F16)",
        layers.get("model.layers.0.mlp.up_proj").storage());
    assertEquals(
        "MLX affine 8-bit, group 32 (scales and biases F16)",
        layers.get("model.layers.0.mlp.down_proj").storage());
    assertEquals("", layers.get("lm_head").storage());
    // dequantized as MLX does with the stored fp16 scale and bias: s16·q + b16
    Map<String, byte[]> raw = rawTensors(written);
    ShortBuffers p = new ShortBuffers(raw, "model.layers.0.mlp.up_proj");
    float[] got = new float[8 * 128];
    layers.get("model.layers.0.mlp.up_proj").weight().reader().read(0, got, 0, got.length);
    byte[] packed = raw.get("model.layers.0.mlp.up_proj.weight");
    for (int i = 0; i < got.length; i++) {
      int code = (packed[i / 2] >> (4 * (i % 2))) & 0xf;
      int group = i / 64;
      float expected = p.scale(group) * code + p.bias(group);
      assertEquals(expected, got[i], 0f, "element " + i);
    }
  }

  /** A layer's F16 scales and biases as floats. */
  private record ShortBuffers(Map<String, byte[]> raw, String layer) {
    float scale(int g) {
      return half(raw.get(layer + ".scales"), g);
    }

    float bias(int g) {
      return half(raw.get(layer + ".biases"), g);
    }

    private static float half(byte[] b, int i) {
      return HalfFloats.fp16ToFloat(
          ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(2 * i) & 0xffff);
    }
  }

  private static float[] ramp(int n, float step) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = step * ((i * 37) % 101 - 50);
    }
    return x;
  }

  private static TensorSpec f16(String name, long[] shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putShort(HalfFloats.toFp16(v));
    }
    return new TensorSpec(name, "F16", shape, ByteSource.of(b.array()));
  }

  /** Every tensor's bytes, read from the file by its header alone (not through the reader). */
  private static Map<String, byte[]> rawTensors(Path file) throws Exception {
    try (FileChannel ch = FileChannel.open(file)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(len, 0);
      long n = len.getLong(0);
      ByteBuffer header = ByteBuffer.allocate((int) n);
      ch.read(header, 8);
      JsonNode root = new ObjectMapper().readTree(header.array());
      Map<String, byte[]> out = new java.util.HashMap<>();
      for (var it = root.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().equals("__metadata__")) {
          continue;
        }
        long from = e.getValue().get("data_offsets").get(0).asLong();
        long to = e.getValue().get("data_offsets").get(1).asLong();
        ByteBuffer data = ByteBuffer.allocate((int) (to - from));
        ch.read(data, 8 + n + from);
        out.put(e.getKey(), data.array());
      }
      return out;
    }
  }
}
