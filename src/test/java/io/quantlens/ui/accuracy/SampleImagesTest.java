package io.quantlens.ui.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.eval.DataOrigin;
import io.quantlens.eval.EvalData;
import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which evaluation inputs are pictures, and how their values become pixels. */
class SampleImagesTest {
  private static EvalData data(Map<String, NpyArray> inputs) {
    long rows = inputs.values().iterator().next().rows();
    return new EvalData(inputs, null, (int) rows, DataOrigin.FOLDER, null);
  }

  private static int grey(int argb) {
    return argb & 0xFF;
  }

  @Test
  void bytesAreDrawnAsStored() {
    byte[] values = new byte[2 * 8 * 8];
    for (int i = 0; i < values.length; i++) {
      values[i] = (byte) (i * 7);
    }
    NpyArray images = NpyArray.ofBytes(NpyType.UINT8, new long[] {2, 1, 8, 8}, values);
    SampleImage second = SampleImages.of(data(Map.of("image", images))).orElseThrow().image(1);
    assertEquals(8, second.width());
    assertEquals(8, second.height());
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        int stored = values[64 + y * 8 + x] & 0xFF;
        assertEquals(0xFF000000 | stored << 16 | stored << 8 | stored, second.pixel(x, y));
      }
    }
  }

  @Test
  void floatsAreStretchedFromTheSamplesLowestToItsHighestValue() {
    // One 8×8 RGB sample, channels last, values from -1 to 2.
    float[] values = new float[8 * 8 * 3];
    for (int i = 0; i < values.length; i++) {
      values[i] = -1 + 3f * i / (values.length - 1);
    }
    NpyArray image = NpyArray.ofFloats(new long[] {1, 8, 8, 3}, values);
    SampleImage picture = SampleImages.of(data(Map.of("x", image))).orElseThrow().image(0);
    assertEquals(0xFF000000 | 0 << 16 | 1 << 8 | 3, picture.pixel(0, 0));
    // The last pixel holds values 189..191: 252, 254 and 255 (the highest value is white).
    assertEquals(0xFF000000 | 252 << 16 | 254 << 8 | 255, picture.pixel(7, 7));
    // Pixel (1, 0) holds values 3..5 of 191: 255·i/191 rounded is 4, 5 and 7.
    assertEquals(0xFF000000 | 4 << 16 | 5 << 8 | 7, picture.pixel(1, 0));
  }

  @Test
  void tokensFeatureVectorsAndSeveralInputsAreNoPictures() {
    NpyArray tokens = NpyArray.ofLongs(new long[] {2, 16}, new long[32]);
    assertTrue(SampleImages.of(data(Map.of("input_ids", tokens))).isEmpty());
    NpyArray features = NpyArray.ofFloats(new long[] {1, 12, 40}, new float[480]);
    assertTrue(SampleImages.of(data(Map.of("features", features))).isEmpty());
    NpyArray tiny = NpyArray.ofFloats(new long[] {1, 1, 4, 4}, new float[16]);
    assertTrue(SampleImages.of(data(Map.of("x", tiny))).isEmpty());
    Map<String, NpyArray> two = new LinkedHashMap<>();
    two.put("a", NpyArray.ofFloats(new long[] {1, 1, 8, 8}, new float[64]));
    two.put("b", NpyArray.ofFloats(new long[] {1, 1, 8, 8}, new float[64]));
    assertTrue(SampleImages.of(data(two)).isEmpty());
  }
}
