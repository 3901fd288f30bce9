package io.quantlens.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain float tensors: values, shapes, alignment, version 2, and layers. */
class GgufTensorTest {
  @TempDir Path dir;

  @Test
  void floatTypesOfOddSizesAndOneToFourDims() throws Exception {
    float[] a = randomFloats(7, 1);
    float[] b = randomFloats(15, 2);
    float[] c = halfExact(30, 3);
    float[] d = bf16Exact(63, 4);
    Path file = dir.resolve("floats.gguf");
    new GgufWriter()
        .tensor("a", GgmlType.F32, new long[] {7}, f32(a))
        .tensor("b", GgmlType.F64, new long[] {3, 5}, f64(b))
        .tensorFromFloats("c", GgmlType.F16, new long[] {2, 3, 5}, reader(c))
        .tensorFromFloats("d", GgmlType.BF16, new long[] {3, 1, 3, 7}, reader(d))
        .write(file);

    Map<String, Tensor> t = byName(new GgufReader().read(file).initializers());

    assertTensor(t.get("a"), DType.FLOAT32, new long[] {7}, a);
    assertTensor(t.get("b"), DType.FLOAT64, new long[] {3, 5}, b);
    assertTensor(t.get("c"), DType.FLOAT16, new long[] {2, 3, 5}, c);
    assertTensor(t.get("d"), DType.BFLOAT16, new long[] {3, 1, 3, 7}, d);
  }

  @Test
  void storedDimsAreInnermostFirst() throws Exception {
    // ne = {5, 3}: rows of 5 contiguous values, 3 rows; the model shape is [3, 5].
    RawGguf raw = RawGguf.header(3, 1, 0).tensor("m", 0, 0, 5, 3).padTo(32);
    for (int i = 0; i < 15; i++) {
      raw.f32(i);
    }
    Path file = raw.write(dir.resolve("dims.gguf"));

    Tensor m = new GgufReader().read(file).initializers().get(0);

    assertArrayEquals(new long[] {3, 5}, m.shape());
    float[] row = new float[5];
    m.reader().read(5, row, 0, 5);
    assertArrayEquals(new float[] {5, 6, 7, 8, 9}, row);
  }

  @Test
  void alignment64AndDefault32() throws Exception {
    for (int alignment : new int[] {32, 64}) {
      float[] first = {1.5f, 2.5f, 3.5f};
      float[] second = {-7.25f, 8.75f};
      GgufWriter writer = new GgufWriter().put("general.name", GgufValue.string("x"));
      if (alignment != 32) {
        writer.alignment(alignment);
      }
      Path file = dir.resolve("aligned" + alignment + ".gguf");
      writer
          .tensor("first", GgmlType.F32, new long[] {3}, f32(first))
          .tensor("second", GgmlType.F32, new long[] {2}, f32(second))
          .write(file);

      byte[] bytes = Files.readAllBytes(file);
      int firstAt = indexOf(bytes, le(first));
      int secondAt = indexOf(bytes, le(second));
      assertEquals(0, firstAt % alignment, "first tensor at " + firstAt);
      assertEquals(firstAt + alignment, secondAt, "sequential, aligned offsets");
      assertEquals(alignment == 64, new String(bytes, "ISO-8859-1").contains("general.alignment"));

      Map<String, Tensor> t = byName(new GgufReader().read(file).initializers());
      assertTensor(t.get("first"), DType.FLOAT32, new long[] {3}, first);
      assertTensor(t.get("second"), DType.FLOAT32, new long[] {2}, second);
    }
  }

  @Test
  void version2FileReads() throws Exception {
    float[] values = randomFloats(9, 5);
    Path file = dir.resolve("v2.gguf");
    new GgufWriter().tensor("w", GgmlType.F32, new long[] {3, 3}, f32(values)).write(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[4] = 2;
    Files.write(file, bytes);

    Model model = new GgufReader().read(file);

    assertEquals(2, model.metadata().formatVersion());
    assertTensor(model.initializers().get(0), DType.FLOAT32, new long[] {3, 3}, values);
  }

  @Test
  void tensorsStraddlingMappingChunksReadWhole() throws Exception {
    float[] big = randomFloats(1000, 6);
    float[] half = halfExact(999, 7);
    Path file = dir.resolve("chunks.gguf");
    new GgufWriter()
        .tensor("big", GgmlType.F32, new long[] {10, 100}, f32(big))
        .tensorFromFloats("half", GgmlType.F16, new long[] {999}, reader(half))
        .write(file);

    Map<String, Tensor> t = byName(new GgufReader(1024).read(file).initializers());

    assertTensor(t.get("big"), DType.FLOAT32, new long[] {10, 100}, big);
    assertTensor(t.get("half"), DType.FLOAT16, new long[] {999}, half);
    Random random = new Random(8);
    for (int i = 0; i < 200; i++) {
      int start = random.nextInt(999);
      int count = random.nextInt(999 - start) + 1;
      float[] got = new float[count + 2];
      t.get("half").reader().read(start, got, 1, count);
      for (int k = 0; k < count; k++) {
        assertEquals(half[start + k], got[1 + k]);
      }
    }
  }

  @Test
  void matricesBecomeLayersInNaturalOrder() throws Exception {
    Path file = dir.resolve("layers.gguf");
    new GgufWriter()
        .tensor("blk.10.attn_q.weight", GgmlType.F32, new long[] {4, 8}, f32(new float[32]))
        .tensor("token_embd.weight", GgmlType.F32, new long[] {10, 8}, f32(new float[80]))
        .tensor("output_norm.weight", GgmlType.F32, new long[] {8}, f32(new float[8]))
        .tensor("blk.2.attn_q.weight", GgmlType.F32, new long[] {4, 8}, f32(new float[32]))
        .tensor("blk.2.attn_q.bias", GgmlType.F32, new long[] {4}, f32(new float[4]))
        .tensor("blk.2.attn_norm.weight", GgmlType.F32, new long[] {8}, f32(new float[8]))
        .tensor("blk.9.ffn_up.weight", GgmlType.F16, new long[] {2, 8}, f16zeros(16))
        .tensor("output.weight", GgmlType.F32, new long[] {10, 8}, f32(new float[80]))
        .write(file);

    Model model = new GgufReader().read(file);

    List<Layer> layers = model.layers();
    assertEquals(
        List.of("token_embd", "blk.2.attn_q", "blk.9.ffn_up", "blk.10.attn_q", "output"),
        layers.stream().map(Layer::name).toList());
    assertEquals(
        List.of("Gather", "MatMul", "MatMul", "MatMul", "MatMul"),
        layers.stream().map(Layer::opType).toList());
    assertTrue(layers.stream().allMatch(l -> l.channelAxis() == 0));
    Map<String, Tensor> t = byName(model.initializers());
    assertSame(t.get("blk.2.attn_q.bias"), layers.get(1).bias());
    assertNull(layers.get(3).bias());
    assertEquals(8, model.initializers().size());
    assertTrue(model.metadata().notes().isEmpty());
  }

  static void assertTensor(Tensor tensor, DType dtype, long[] shape, float[] expected) {
    assertEquals(dtype, tensor.dtype(), tensor.name());
    assertArrayEquals(shape, tensor.shape(), tensor.name());
    float[] got = new float[expected.length];
    tensor.reader().read(0, got, 0, got.length);
    assertArrayEquals(expected, got, tensor.name());
  }

  static Map<String, Tensor> byName(List<Tensor> tensors) {
    return tensors.stream().collect(Collectors.toMap(Tensor::name, Function.identity()));
  }

  static GgufWriter.TensorBytes bytes(byte[] bytes) {
    return out -> write(out, ByteBuffer.wrap(bytes));
  }

  static io.quantlens.model.TensorReader reader(float[] values) {
    return (start, dst, off, count) -> System.arraycopy(values, (int) start, dst, off, count);
  }

  private static GgufWriter.TensorBytes f32(float[] values) {
    return bytes(le(values));
  }

  private static GgufWriter.TensorBytes f64(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putDouble(v);
    }
    return bytes(buffer.array());
  }

  private static GgufWriter.TensorBytes f16zeros(int n) {
    return bytes(new byte[n * 2]);
  }

  private static void write(WritableByteChannel out, ByteBuffer buffer) throws java.io.IOException {
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  private static byte[] le(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static float[] randomFloats(int n, long seed) {
    Random random = new Random(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  /** Multiples of 1/64 below 16 in magnitude: exact in FP16, so conversion must keep them. */
  private static float[] halfExact(int n, long seed) {
    Random random = new Random(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (random.nextInt(2048) - 1024) / 64f;
    }
    return values;
  }

  /** Values with 8 significant bits: exact in BF16. */
  private static float[] bf16Exact(int n, long seed) {
    Random random = new Random(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.scalb((float) (random.nextInt(511) - 255), random.nextInt(40) - 20);
    }
    return values;
  }
}
