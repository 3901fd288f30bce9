package io.quantlens.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All 256 codes of both FP8 formats, read from a file, against the formula of
 * docs/numeric-rules.md#fp8.
 */
class SafetensorsFp8Test {
  @TempDir Path dir;

  @Test
  void everyCodeDecodesToTheFormula() throws Exception {
    byte[] codes = new byte[256];
    for (int i = 0; i < 256; i++) {
      codes[i] = (byte) i;
    }
    Path file = dir.resolve("fp8.safetensors");
    SafetensorsWriter.write(
        file,
        List.of(
            new TensorSpec("e4m3", "F8_E4M3", new long[] {16, 16}, ByteSource.of(codes)),
            new TensorSpec("e5m2", "F8_E5M2", new long[] {16, 16}, ByteSource.of(codes))),
        Map.of());
    Model model = new SafetensorsReader().read(file);
    float[] e4m3 = SafetensorsRoundTripTest.values(model, "e4m3");
    float[] e5m2 = SafetensorsRoundTripTest.values(model, "e5m2");
    for (int code = 0; code < 256; code++) {
      assertEquals(Minifloats.e4m3fn(code), e4m3[code], "E4M3FN code " + Integer.toHexString(code));
      assertEquals(Minifloats.e5m2(code), e5m2[code], "E5M2 code " + Integer.toHexString(code));
    }
  }

  @Test
  void table4Anchors() throws Exception {
    assertEquals(448f, Minifloats.e4m3fn(0x7E));
    assertEquals(-448f, Minifloats.e4m3fn(0xFE));
    assertEquals(0x1p-9f, Minifloats.e4m3fn(0x01));
    assertTrue(Float.isNaN(Minifloats.e4m3fn(0x7F)) && Float.isNaN(Minifloats.e4m3fn(0xFF)));
    assertEquals(57344f, Minifloats.e5m2(0x7B));
    assertEquals(0x1p-16f, Minifloats.e5m2(0x01));
    assertEquals(Float.NEGATIVE_INFINITY, Minifloats.e5m2(0xFC));
    for (int nan : new int[] {0x7D, 0x7E, 0x7F, 0xFD, 0xFE, 0xFF}) {
      assertTrue(Float.isNaN(Minifloats.e5m2(nan)), Integer.toHexString(nan));
    }
    assertEquals(-0f, Minifloats.e4m3fn(0x80));
    assertEquals(-0f, Minifloats.e5m2(0x80));
    // every finite E4M3FN code is below 448 in magnitude, every other is one of the two NaNs
    int nans = 0;
    for (int code = 0; code < 256; code++) {
      float v = Minifloats.e4m3fn(code);
      if (Float.isNaN(v)) {
        nans++;
      } else {
        assertTrue(Math.abs(v) <= 448f);
      }
    }
    assertEquals(2, nans);
  }
}
