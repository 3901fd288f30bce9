package io.quantlens.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLX quantized checkpoints (U32 codes, scales, biases) read as dequantized layers. */
class SafetensorsMlxTest {
  /** golden.md "MLX affine": bits 4, one group of 32, float32 scale and bias. */
  static final int[] GOLDEN_Q = {
    10, 5, 3, 4, 7, 15, 15, 15, 13, 9, 4, 2, 3, 6, 11, 14, 14, 12, 8, 3, 1, 2, 5, 10, 13, 13, 11, 6,
    2, 0, 1, 4
  };

  static final int[] GOLDEN_WORDS = {0xfff7435a, 0xeb63249d, 0xa52138ce, 0x41026bdd};
  static final float GOLDEN_SCALE = -0.453537375f;
  static final float GOLDEN_BIAS = 3.628299f;

  @TempDir Path dir;

  @Test
  void goldenVectorDecodesToScaleTimesCodePlusBias() throws Exception {
    ByteBuffer words = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    for (int w : GOLDEN_WORDS) {
      words.putInt(w);
    }
    assertArrayEquals(words.array(), MlxFiles.pack(GOLDEN_Q, 4), "the test's packer agrees");
    Path file = dir.resolve("golden.safetensors");
    SafetensorsWriter.write(
        file,
        List.of(
            new TensorSpec("proj.weight", "U32", new long[] {1, 4}, ByteSource.of(words.array())),
            MlxFiles.f32("proj.scales", new long[] {1, 1}, new float[] {GOLDEN_SCALE}),
            MlxFiles.f32("proj.biases", new long[] {1, 1}, new float[] {GOLDEN_BIAS})),
        Map.of());
    MlxFiles.config(dir, "{\"quantization\": {\"group_size\": 32, \"bits\": 4}}");

    Model model = new SafetensorsReader().read(file);
    assertEquals(1, model.layers().size(), "scales and biases are no layers");
    Layer layer = model.layers().get(0);
    assertEquals("proj", layer.name());
    assertEquals(DType.UINT4, layer.weight().dtype());
    assertArrayEquals(new long[] {1, 32}, layer.weight().shape());
    assertTrue(layer.storedQuantized());
    assertEquals("MLX affine 4-bit, group 32 (scales and biases F32)", layer.storage());
    float[] values = new float[32];
    layer.weight().reader().read(0, values, 0, 32);
    for (int i = 0; i < 32; i++) {
      assertEquals(GOLDEN_SCALE * GOLDEN_Q[i] + GOLDEN_BIAS, values[i], 0f, "element " + i);
    }
    assertEquals(3.628299f, values[29], 0f, "q = 0 gives the bias");
    assertEquals(GOLDEN_SCALE * 15 + GOLDEN_BIAS, values[5], 0f);
    // The group's minimum, −3.5, lies below the last code (MLX clamps it to q = 15).
    assertEquals(-3.1747615f, values[5], 1e-6f, "q = 15");
    float[] middle = new float[3];
    layer.weight().reader().read(7, middle, 0, 3);
    assertArrayEquals(java.util.Arrays.copyOfRange(values, 7, 10), middle, "a read from inside");
    assertTrue(model.metadata().notes().isEmpty(), model.metadata().notes()::toString);
  }

  @Test
  void perLayerEightBitsBesideTheFourBitDefault() throws Exception {
    Model model = new SafetensorsReader().read(MlxFiles.twoLayerModel(dir));
    List<Layer> layers = model.layers();
    assertEquals(
        List.of("lm_head", "model.layers.0.mlp.down_proj", "model.layers.0.mlp.up_proj"),
        layers.stream().map(Layer::name).toList());

    Layer down = layers.get(1);
    assertEquals(DType.UINT8, down.weight().dtype());
    assertArrayEquals(new long[] {8, 64}, down.weight().shape());
    assertEquals("MLX affine 8-bit, group 32 (scales and biases F16)", down.storage());
    assertTrue(down.storedQuantized());
    assertEquals(8 * 64, down.parameterCount());
    assertArrayEquals(MlxFiles.expected(8, 64, 8, 32), values(down.weight()));

    Layer up = layers.get(2);
    assertEquals(DType.UINT4, up.weight().dtype());
    assertArrayEquals(new long[] {4, 128}, up.weight().shape());
    assertEquals("MLX affine 4-bit, group 64 (scales and biases F16)", up.storage());
    assertArrayEquals(MlxFiles.expected(4, 128, 4, 64), values(up.weight()));
    float[] one = new float[1];
    up.weight().reader().read(130, one, 0, 1);
    assertEquals(MlxFiles.expected(4, 128, 4, 64)[130], one[0], 0f, "a single element");

    Layer head = layers.get(0);
    assertEquals(DType.FLOAT16, head.weight().dtype());
    assertEquals("", head.storage());
    assertFalse(head.storedQuantized());

    // Stored bytes: the packed codes as the weight's type, the scales and biases as F16.
    Map<DType, Long> bytes = model.bytesByDType();
    assertEquals(8 * 64L, bytes.get(DType.UINT8));
    assertEquals(4 * 128 / 2L, bytes.get(DType.UINT4));
    assertEquals(2L * (2 * 8 * 2 + 2 * 4 * 2) + 2 * (8 + 32), bytes.get(DType.FLOAT16));
    assertNull(bytes.get(DType.OTHER), "no U32 tensor is left unread");
    assertTrue(model.metadata().notes().isEmpty(), model.metadata().notes()::toString);
  }

  @Test
  void shardedModelReadsTheConfigBesideTheIndex() throws Exception {
    List<TensorSpec> down = MlxFiles.layer("model.layers.0.mlp.down_proj", 8, 64, 8, 32);
    List<TensorSpec> up = MlxFiles.layer("model.layers.0.mlp.up_proj", 4, 128, 4, 64);
    // Each triplet spans both shards.
    Path index =
        SafetensorsWriter.writeSharded(
            dir,
            List.of(
                List.of(down.get(0), down.get(1), up.get(2)),
                List.of(down.get(2), up.get(0), up.get(1))),
            Map.of());
    MlxFiles.config(
        dir,
        "{\"quantization_config\": {\"group_size\": 64, \"bits\": 4,"
            + " \"model.layers.0.mlp.down_proj\": {\"group_size\": 32, \"bits\": 8}}}");
    Model model = new SafetensorsReader().read(index);
    assertEquals(2, model.layers().size());
    assertArrayEquals(MlxFiles.expected(8, 64, 8, 32), values(model.layers().get(0).weight()));
    assertArrayEquals(MlxFiles.expected(4, 128, 4, 64), values(model.layers().get(1).weight()));
  }

  static float[] values(Tensor t) {
    float[] v = new float[(int) t.elementCount()];
    t.reader().read(0, v, 0, v.length);
    return v;
  }
}
