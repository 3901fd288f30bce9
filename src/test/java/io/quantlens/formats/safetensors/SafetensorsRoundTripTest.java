package io.quantlens.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.DType;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by {@link SafetensorsWriter} read back by {@link SafetensorsReader}; expected
 * values come from the bytes written, decoded by the test's own formulas.
 */
class SafetensorsRoundTripTest {
  private static final long[] ODD = {3, 5, 7};
  private static final int ODD_COUNT = 105;

  @TempDir Path dir;

  @Test
  void everyReadableTypeInAnOddShape() throws Exception {
    Random random = new Random(11);
    Map<String, Integer> widths =
        Map.of(
            "F64", 8, "F32", 4, "F16", 2, "BF16", 2, "I8", 1, "U8", 1, "F8_E4M3", 1, "F8_E5M2", 1);
    List<String> types = List.of("F64", "F32", "F16", "BF16", "I8", "U8", "F8_E4M3", "F8_E5M2");
    byte[][] data = new byte[types.size()][];
    List<TensorSpec> specs = new java.util.ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      data[i] = new byte[ODD_COUNT * widths.get(types.get(i))];
      random.nextBytes(data[i]);
      specs.add(new TensorSpec("t." + types.get(i), types.get(i), ODD, ByteSource.of(data[i])));
    }
    Path file = dir.resolve("odd.safetensors");
    SafetensorsWriter.write(file, specs, Map.of());

    Model model = new SafetensorsReader().read(file);
    assertEquals(types.size(), model.initializers().size());
    for (int i = 0; i < types.size(); i++) {
      Tensor t = model.initializers().get(i);
      assertEquals("t." + types.get(i), t.name());
      assertArrayEquals(ODD, t.shape());
      ByteBuffer b = ByteBuffer.wrap(data[i]).order(ByteOrder.LITTLE_ENDIAN);
      IntFunction<Float> expected =
          switch (types.get(i)) {
            case "F64" -> k -> (float) b.getDouble(8 * k);
            case "F32" -> k -> b.getFloat(4 * k);
            case "F16" -> k -> Minifloats.fp16(b.getShort(2 * k));
            case "BF16" -> k -> Minifloats.bf16(b.getShort(2 * k));
            case "I8" -> k -> (float) b.get(k);
            case "U8" -> k -> (float) (b.get(k) & 0xFF);
            case "F8_E4M3" -> k -> Minifloats.e4m3fn(b.get(k) & 0xFF);
            default -> k -> Minifloats.e5m2(b.get(k) & 0xFF);
          };
      float[] all = new float[ODD_COUNT];
      t.reader().read(0, all, 0, ODD_COUNT);
      float[] part = new float[60];
      t.reader().read(17, part, 5, 50);
      for (int k = 0; k < ODD_COUNT; k++) {
        assertEquals(expected.apply(k), all[k], t.name() + " element " + k);
      }
      for (int k = 0; k < 50; k++) {
        assertEquals(expected.apply(17 + k), part[5 + k], t.name() + " element " + (17 + k));
      }
    }
  }

  @Test
  void handDerivedBitPatterns() throws Exception {
    Path file = dir.resolve("bits.safetensors");
    SafetensorsWriter.write(
        file,
        List.of(
            new TensorSpec(
                "f16",
                "F16",
                new long[] {8},
                shorts(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x8000, 0x7C00, 0x3555, 0x0400)),
            new TensorSpec(
                "bf16", "BF16", new long[] {5}, shorts(0x3F80, 0xC040, 0x7F80, 0x4049, 0xFF80)),
            new TensorSpec(
                "e4m3", "F8_E4M3", new long[] {6}, bytes(0x38, 0x7E, 0x01, 0xB8, 0x08, 0xFE)),
            new TensorSpec(
                "e5m2", "F8_E5M2", new long[] {6}, bytes(0x3C, 0x7B, 0x01, 0x7C, 0xFC, 0x04))),
        Map.of());
    Model model = new SafetensorsReader().read(file);
    assertArrayEquals(
        new float[] {
          1f, -2f, 65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY, 0.333251953125f, 0x1p-14f
        },
        values(model, "f16"));
    assertArrayEquals(
        new float[] {1f, -3f, Float.POSITIVE_INFINITY, 3.140625f, Float.NEGATIVE_INFINITY},
        values(model, "bf16"));
    assertArrayEquals(new float[] {1f, 448f, 0x1p-9f, -1f, 0x1p-6f, -448f}, values(model, "e4m3"));
    assertArrayEquals(
        new float[] {
          1f, 57344f, 0x1p-16f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0x1p-14f
        },
        values(model, "e5m2"));
    assertEquals(DType.FLOAT8_E4M3, tensor(model, "e4m3").dtype());
    assertEquals(DType.FLOAT8_E5M2, tensor(model, "e5m2").dtype());
  }

  @Test
  void scalarAndEmptyTensors() throws Exception {
    Path file = dir.resolve("edge.safetensors");
    SafetensorsWriter.write(
        file,
        List.of(
            new TensorSpec("scalar", "F32", new long[] {}, ByteSource.float32(new float[] {2.5f})),
            new TensorSpec("empty", "F16", new long[] {0, 4}, ByteSource.zeros()),
            new TensorSpec(
                "after", "F32", new long[] {2}, ByteSource.float32(new float[] {7f, -8f}))),
        Map.of());
    Model model = new SafetensorsReader().read(file);
    Tensor scalar = tensor(model, "scalar");
    assertEquals(0, scalar.rank());
    assertEquals(1, scalar.elementCount());
    assertArrayEquals(new float[] {2.5f}, values(model, "scalar"));
    Tensor empty = tensor(model, "empty");
    assertEquals(0, empty.elementCount());
    empty.reader().read(0, new float[0], 0, 0);
    assertArrayEquals(new float[] {7f, -8f}, values(model, "after"));
    assertTrue(model.layers().isEmpty(), "an empty matrix is no layer: " + model.layers());
  }

  @Test
  void unreadTypesAreListedWithNotes() throws Exception {
    Path file = dir.resolve("other.safetensors");
    SafetensorsWriter.write(
        file,
        List.of(
            new TensorSpec("ids", "I64", new long[] {2}, ByteSource.zeros()),
            new TensorSpec("mask", "BOOL", new long[] {3}, ByteSource.zeros()),
            new TensorSpec("packed.weight", "I32", new long[] {2, 2}, ByteSource.zeros()),
            new TensorSpec("fp4", "F4", new long[] {4}, ByteSource.zeros()),
            new TensorSpec("fp6", "F6_E2M3", new long[] {4}, ByteSource.zeros()),
            new TensorSpec("scales", "F8_E8M0", new long[] {2}, ByteSource.zeros()),
            new TensorSpec("complex", "C64", new long[] {1}, ByteSource.zeros()),
            new TensorSpec("w.weight", "F32", new long[] {2, 2}, ByteSource.zeros())),
        Map.of());
    Model model = new SafetensorsReader().read(file);
    assertEquals(8, model.initializers().size());
    for (String name : List.of("ids", "mask", "packed.weight", "fp4", "fp6", "scales", "complex")) {
      Tensor t = tensor(model, name);
      assertEquals(DType.OTHER, t.dtype(), name);
      assertThrows(
          UnsupportedOperationException.class, () -> t.reader().read(0, new float[1], 0, 1));
    }
    assertEquals(List.of("w"), model.layers().stream().map(l -> l.name()).toList());
    List<String> notes = model.metadata().notes();
    assertEquals(7, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("'ids'") && notes.get(0).contains("I64"), notes.get(0));
    assertTrue(notes.get(3).contains("'fp4'") && notes.get(3).contains("F4"), notes.get(3));
  }

  @Test
  void metadataAndModelShape() throws Exception {
    Path file = dir.resolve("meta.safetensors");
    Map<String, String> metadata = new java.util.LinkedHashMap<>();
    metadata.put("format", "pt");
    metadata.put("producer", "quantlens-test 1.0");
    metadata.put("note", "ünïcödé ✓");
    SafetensorsWriter.write(
        file, List.of(new TensorSpec("w", "F32", new long[] {1}, ByteSource.zeros())), metadata);
    Model model = new SafetensorsReader().read(file);
    assertEquals(file, model.source());
    assertEquals("safetensors", model.metadata().format());
    assertEquals("quantlens-test 1.0", model.metadata().producer());
    assertEquals(0, model.metadata().formatVersion());
    assertTrue(model.metadata().opsets().isEmpty());
    assertEquals(
        List.copyOf(metadata.entrySet()), List.copyOf(model.metadata().properties().entrySet()));
    assertTrue(model.inputs().isEmpty());
    assertTrue(model.outputs().isEmpty());

    Path formatOnly = dir.resolve("pt.safetensors");
    SafetensorsWriter.write(
        formatOnly,
        List.of(new TensorSpec("w", "F32", new long[] {1}, ByteSource.zeros())),
        Map.of("format", "pt"));
    assertEquals("pt", new SafetensorsReader().read(formatOnly).metadata().producer());
  }

  static ByteSource shorts(int... values) {
    ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putShort((short) v);
    }
    return ByteSource.of(b.array());
  }

  static ByteSource bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return ByteSource.of(b);
  }

  static Tensor tensor(Model model, String name) {
    return model.initializers().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static float[] values(Model model, String name) {
    Tensor t = tensor(model, name);
    float[] values = new float[(int) t.elementCount()];
    t.reader().read(0, values, 0, values.length);
    return values;
  }
}
