package io.quantlens.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.formats.mapped.FloatReaders;
import io.quantlens.model.TensorReader;
import io.quantlens.quant.HalfFloats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers over a file mapped in small chunks, so that elements straddle chunk boundaries; expected
 * values are decoded from the file bytes with a plain ByteBuffer.
 */
class ChunkedMappingTest {
  private static final int CHUNK = 1000;

  @TempDir Path dir;

  @Test
  void everyReaderCrossesChunkBoundaries() throws Exception {
    byte[] bytes = new byte[10_007];
    new Random(7).nextBytes(bytes);
    Path file = Files.write(dir.resolve("data.bin"), bytes);
    ChunkedMapping mapping = ChunkedMapping.map(file, CHUNK);
    assertEquals(bytes.length, mapping.size());
    ByteBuffer expected = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

    int offset = 997; // unaligned: elements straddle 1000, 2000, ...
    int floats = 2000;
    check(
        FloatReaders.float32(mapping.region(offset, 4L * floats), floats),
        floats,
        i -> expected.getFloat(offset + 4 * i));
    int doubles = 1000;
    check(
        FloatReaders.float64(mapping.region(offset, 8L * doubles), doubles),
        doubles,
        i -> (float) expected.getDouble(offset + 8 * i));
    int halves = 4000;
    check(
        FloatReaders.float16(mapping.region(offset, 2L * halves), halves),
        halves,
        i -> HalfFloats.fp16ToFloat(expected.getShort(offset + 2 * i)));
    check(
        FloatReaders.bfloat16(mapping.region(offset, 2L * halves), halves),
        halves,
        i -> Float.intBitsToFloat((expected.getShort(offset + 2 * i) & 0xFFFF) << 16));
    int ints = 3000;
    check(
        new IntegerReader(
            mapping.region(offset, ints),
            ints,
            OnnxDataType.INT8,
            Dequantization.perTensor(0.5f, 3)),
        ints,
        i -> (expected.get(offset + i) - 3) * 0.5f);
    check(
        new IntegerReader(
            mapping.region(offset, 4L * 1000), 1000, OnnxDataType.INT32, Dequantization.identity()),
        1000,
        i -> (float) expected.getInt(offset + 4 * i));
    int nibbles = 5001;
    check(
        new IntegerReader(
            mapping.region(offset, (nibbles + 1) / 2),
            nibbles,
            OnnxDataType.UINT4,
            Dequantization.identity()),
        nibbles,
        i -> (float) ((expected.get(offset + i / 2) >> (4 * (i % 2))) & 0xF));
  }

  @Test
  void regionEndingAtTheEndOfTheFile() throws Exception {
    byte[] bytes = new byte[2 * CHUNK + 12];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(2 * CHUNK + 8, 42f);
    ChunkedMapping mapping = ChunkedMapping.map(Files.write(dir.resolve("tail.bin"), bytes), CHUNK);
    float[] last = new float[3];
    FloatReaders.float32(mapping.region(2 * CHUNK, 12), 3).read(0, last, 0, 3);
    assertEquals(42f, last[2]);
  }

  private interface Expected {
    float at(int i);
  }

  /** Reads everything in one call, then in odd-sized pieces, and compares element by element. */
  private static void check(TensorReader reader, int n, Expected expected) {
    float[] all = new float[n];
    reader.read(0, all, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(Float.floatToIntBits(expected.at(i)), Float.floatToIntBits(all[i]), "at " + i);
    }
    float[] piece = new float[37];
    for (int start = 0; start < n; start += 37) {
      int count = Math.min(37, n - start);
      reader.read(start, piece, 0, count);
      for (int i = 0; i < count; i++) {
        assertEquals(
            Float.floatToIntBits(all[start + i]), Float.floatToIntBits(piece[i]), "at " + start);
      }
    }
  }
}
