package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares every block against ggml's own {@code quantize_row_*_ref} and {@code dequantize_row_*}
 * as compiled in libggml-base.so (see src/test/resources/ggml/README.md for the exact package).
 */
class GgmlReferenceFixtureTest {
  private static final String FIXTURE = "/ggml/reference-blocks.txt";

  record Expected(GgmlFormat format, String name, float[] x, byte[] blocks, int[] decodedBits) {
    @Override
    public String toString() {
      return format.id() + " " + name;
    }
  }

  private static List<String> lines() throws IOException {
    try (var in = GgmlReferenceFixtureTest.class.getResourceAsStream(FIXTURE);
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      return reader.lines().filter(l -> !l.startsWith("#")).toList();
    }
  }

  static Stream<Arguments> blocks() throws IOException {
    Map<String, float[]> inputs = new HashMap<>();
    Map<String, byte[]> encoded = new HashMap<>();
    List<Arguments> out = new ArrayList<>();
    for (String line : lines()) {
      String[] f = line.split(" ");
      switch (f[0]) {
        case "input" -> inputs.put(f[1], floats(f, 2));
        case "block" -> encoded.put(f[1] + " " + f[2], HexFormat.of().parseHex(f[3]));
        case "decoded" -> {
          GgmlFormat format = GgmlFormat.valueOf(f[1].toUpperCase(Locale.ROOT));
          int[] bits = new int[f.length - 3];
          for (int i = 0; i < bits.length; i++) {
            bits[i] = Integer.parseUnsignedInt(f[3 + i], 16);
          }
          out.add(
              Arguments.of(
                  new Expected(
                      format, f[2], inputs.get(f[2]), encoded.get(f[1] + " " + f[2]), bits)));
        }
        default -> {}
      }
    }
    assertEquals(230, out.size(), "23 inputs × 10 types");
    return out.stream();
  }

  private static float[] floats(String[] f, int from) {
    float[] x = new float[f.length - from];
    for (int i = 0; i < x.length; i++) {
      x[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(f[from + i], 16));
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void quantizesAndDecodesAsGgml(Expected e) {
    GgmlFormat f = e.format();
    int blocks = e.x().length / f.blockElements();
    byte[] mine = new byte[blocks * f.blockBytes()];
    for (int b = 0; b < blocks; b++) {
      f.quantizeBlock(e.x(), b * f.blockElements(), mine, b * f.blockBytes());
    }
    assertEquals(HexFormat.of().formatHex(e.blocks()), HexFormat.of().formatHex(mine));

    // Decode ggml's own bytes, so a decoder check does not depend on the encoder.
    float[] y = new float[e.x().length];
    ByteBuffer src = ByteBuffer.wrap(e.blocks());
    for (int b = 0; b < blocks; b++) {
      f.dequantizeBlock(src, b * f.blockBytes(), y, b * f.blockElements());
    }
    for (int i = 0; i < y.length; i++) {
      int bits = Float.floatToRawIntBits(y[i]);
      if (bits != e.decodedBits()[i]) {
        assertEquals(
            Integer.toHexString(e.decodedBits()[i]), Integer.toHexString(bits), "element " + i);
      }
    }
  }

  /** The same rows as make_reference_blocks.py's sweep_values(), bit for bit. */
  static float[] sweepValues(int rows) {
    float[] scales = {0.001f, 0.02f, 0.3f, 1.0f, 7.5f, 250.0f, 1e-5f, 0.05f};
    int[] state = {(int) 2463534242L};
    java.util.function.IntSupplier next =
        () -> {
          int v = state[0];
          v ^= v << 13;
          v ^= v >>> 17;
          v ^= v << 5;
          state[0] = v;
          return v;
        };
    float[] out = new float[rows * 256];
    for (int r = 0; r < rows; r++) {
      float scale = scales[r % scales.length];
      for (int i = 0; i < 256; i++) {
        float a = (next.getAsInt() >>> 8) * 0x1.0p-24f - 0.5f;
        float b = (next.getAsInt() >>> 8) * 0x1.0p-24f - 0.5f;
        float c = (next.getAsInt() >>> 8) * 0x1.0p-24f - 0.5f;
        out[r * 256 + i] = ((a + b) + c) * scale;
      }
      if (r % 5 == 0) {
        int at = Integer.remainderUnsigned(next.getAsInt(), 256);
        out[r * 256 + at] *= 40.0f;
      }
    }
    return out;
  }

  static Stream<Arguments> sweeps() throws IOException {
    return lines().stream()
        .filter(l -> l.startsWith("sweep "))
        .map(l -> Arguments.of((Object[]) l.substring(6).split(" ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sweeps")
  void sweepMatchesGgml(String type, String rows, String blocksSha, String decodedSha)
      throws Exception {
    GgmlFormat f = GgmlFormat.valueOf(type.toUpperCase(Locale.ROOT));
    float[] x = sweepValues(Integer.parseInt(rows));
    int blocks = x.length / f.blockElements();
    byte[] bytes = new byte[blocks * f.blockBytes()];
    float[] y = new float[x.length];
    ByteBuffer src = ByteBuffer.wrap(bytes);
    for (int b = 0; b < blocks; b++) {
      f.quantizeBlock(x, b * f.blockElements(), bytes, b * f.blockBytes());
      f.dequantizeBlock(src, b * f.blockBytes(), y, b * f.blockElements());
    }
    ByteBuffer decoded = ByteBuffer.allocate(4 * y.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    decoded.asFloatBuffer().put(y);
    assertEquals(blocksSha, sha256(bytes), "block bytes");
    assertEquals(decodedSha, sha256(decoded.array()), "decoded values");
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
  }

  @Test
  void convertsToHalfAsGgml() throws IOException {
    int checked = 0;
    for (String line : lines()) {
      if (!line.startsWith("fp16 ")) {
        continue;
      }
      for (String pair : line.substring(5).split(" ")) {
        int bits = Integer.parseUnsignedInt(pair.substring(0, 8), 16);
        int half = Integer.parseInt(pair.substring(9), 16);
        float f = Float.intBitsToFloat(bits);
        assertEquals(half, HalfFloats.toFp16(f) & 0xFFFF, () -> Integer.toHexString(bits));
        checked++;
      }
    }
    assertTrue(checked > 3000, "fixture has the fp16 rows");
  }
}
