package io.quantlens.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bit width MLX's affine mode writes: 2, 3, 4, 5, 6 and 8. */
class SafetensorsMlxBitsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"2, UINT2", "3, UINT3", "4, UINT4", "5, UINT5", "6, UINT6", "8, UINT8"})
  void eachBitWidthDequantizes(int bits, DType type) throws Exception {
    Path file = dir.resolve("model.safetensors");
    SafetensorsWriter.write(file, MlxFiles.layer("proj", 3, 96, bits, 32), Map.of());
    MlxFiles.config(dir, "{\"quantization\": {\"group_size\": 32, \"bits\": " + bits + "}}");
    Layer layer = new SafetensorsReader().read(file).layers().get(0);
    assertEquals(type, layer.weight().dtype());
    assertTrue(layer.storedQuantized());
    assertArrayEquals(new long[] {3, 96}, layer.weight().shape());
    assertEquals(3 * 96 * bits / 8, layer.weight().storedBytes(), "the packed words' bytes");
    assertEquals("MLX affine " + bits + "-bit, group 32 (scales and biases F16)", layer.storage());
    assertArrayEquals(
        MlxFiles.expected(3, 96, bits, 32), SafetensorsMlxTest.values(layer.weight()));
    for (int start : new int[] {1, 31, 95, 97, 200}) {
      float[] part = new float[7];
      layer.weight().reader().read(start, part, 0, part.length);
      float[] all = MlxFiles.expected(3, 96, bits, 32);
      assertArrayEquals(java.util.Arrays.copyOfRange(all, start, start + 7), part, "at " + start);
    }
  }

  /**
   * The test's packer agrees with MLX's own unpacking of 3, 5 and 6 bits (extract_bits in
   * mlx/backend/cpu/quantized.cpp, transcribed), so the reader is checked against MLX's layout.
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 5, 6})
  void packingIsMlxExtractBits(int bits) {
    int[] q = MlxFiles.codes(bits == 6 ? 4 : 8, bits);
    q[0] = (1 << bits) - 1;
    byte[] packed = MlxFiles.pack(q, bits);
    int[] w = new int[packed.length];
    for (int i = 0; i < packed.length; i++) {
      w[i] = packed[i] & 0xff;
    }
    int[] out;
    if (bits == 3) {
      out =
          new int[] {
            w[0] & 0x7,
            (w[0] & 0x38) >> 3,
            ((w[0] & 0xc0) >> 6) + ((w[1] & 0x1) << 2),
            (w[1] & 0xe) >> 1,
            (w[1] & 0x70) >> 4,
            ((w[1] & 0x80) >> 7) + ((w[2] & 0x3) << 1),
            (w[2] & 0x1c) >> 2,
            (w[2] & 0xe0) >> 5
          };
    } else if (bits == 5) {
      out =
          new int[] {
            w[0] & 0x1f,
            ((w[0] & 0xe0) >> 5) + ((w[1] & 0x3) << 3),
            (w[1] & 0x7c) >> 2,
            ((w[1] & 0x80) >> 7) + ((w[2] & 0xf) << 1),
            ((w[2] & 0xf0) >> 4) + ((w[3] & 0x1) << 4),
            (w[3] & 0x3e) >> 1,
            ((w[3] & 0xc0) >> 6) + ((w[4] & 0x7) << 2),
            (w[4] & 0xf8) >> 3
          };
    } else {
      out =
          new int[] {
            w[0] & 0x3f,
            ((w[0] >> 6) & 0x03) + ((w[1] & 0x0f) << 2),
            ((w[1] >> 4) & 0x0f) + ((w[2] & 0x03) << 4),
            (w[2] >> 2) & 0x3f
          };
    }
    assertArrayEquals(q, out);
  }
}
