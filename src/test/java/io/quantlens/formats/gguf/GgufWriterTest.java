package io.quantlens.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's own checks, and that a failed write leaves the target as it was. */
class GgufWriterTest {
  @TempDir Path dir;

  @Test
  void headerBytesAreAsSpecified() throws Exception {
    Path file = dir.resolve("one.gguf");
    new GgufWriter()
        .put("k", GgufValue.uint8(7))
        .tensor("t", GgmlType.F16, new long[] {2, 3}, out -> out.write(ByteBuffer.allocate(12)))
        .write(file);

    byte[] expected =
        RawGguf.header(3, 1, 1)
            .key("k", 0)
            .u8(7)
            .tensor("t", 1, 0, 3, 2)
            .padTo(32)
            .zeros(12)
            .padTo(32)
            .bytes();
    assertArrayEquals(expected, Files.readAllBytes(file));
  }

  @Test
  void wrongByteCountsFailAndKeepTheTarget() throws Exception {
    Path file = Files.writeString(dir.resolve("keep.gguf"), "previous");
    GgufWriter tooFew =
        new GgufWriter()
            .tensor("t", GgmlType.F32, new long[] {4}, out -> out.write(ByteBuffer.allocate(12)));
    GgufWriter tooMany =
        new GgufWriter()
            .tensor("t", GgmlType.F32, new long[] {4}, out -> out.write(ByteBuffer.allocate(20)));

    IOException few = assertThrows(IOException.class, () -> tooFew.write(file));
    IOException many = assertThrows(IOException.class, () -> tooMany.write(file));

    assertTrue(few.getMessage().contains("12 of its 16 bytes"), few.getMessage());
    assertTrue(many.getMessage().contains("more than its 16 bytes"), many.getMessage());
    assertEquals("previous", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void invalidTensorsAndMetadataAreRefused() {
    GgufWriter writer = new GgufWriter().put("k", GgufValue.bool(true));
    assertThrows(IllegalArgumentException.class, () -> writer.put("k", GgufValue.bool(false)));
    assertThrows(IllegalArgumentException.class, () -> writer.alignment(48));
    assertThrows(
        IllegalArgumentException.class,
        () -> writer.put("s", new GgufValue.Array(GgufValueType.UINT8, 5, List.of())));
    GgufWriter.TensorBytes none = out -> {};
    assertThrows(
        IllegalArgumentException.class,
        () -> writer.tensor("q", GgmlType.Q8_0, new long[] {2, 33}, none));
    assertThrows(
        IllegalArgumentException.class,
        () -> writer.tensor("d", GgmlType.F32, new long[] {1, 1, 1, 1, 1}, none));
    assertThrows(
        IllegalArgumentException.class,
        () -> writer.tensor("n".repeat(64), GgmlType.F32, new long[] {1}, none));
    writer.tensor("w", GgmlType.F32, new long[] {1}, none);
    assertThrows(
        IllegalArgumentException.class,
        () -> writer.tensor("w", GgmlType.F32, new long[] {1}, none));
    assertThrows(
        IllegalArgumentException.class,
        () -> writer.tensorFromFloats("i", GgmlType.IQ2_XXS, new long[] {256}, (s, d, o, c) -> {}));
  }
}
