package io.quantlens.analysis.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lesson 3: one outlier channel against a per-tensor, per-channel and group scale. */
class GranularitiesTest {
  @Test
  void perChannelScalesDoNotFeelTheOutlierAndPerTensorPaysTwentyLogOfIt() {
    float[] plain = Granularities.matrix(1, 3);
    float[] outlier = Granularities.matrix(20, 3);
    List<Granularities.Row> without = Granularities.compare(plain, 8, 64);
    List<Granularities.Row> with = Granularities.compare(outlier, 8, 64);
    // Per channel and per group, an ordinary channel's scale is its own: bit for bit unchanged.
    for (int g : new int[] {1, 2}) {
      double[] a = without.get(g).channelSqnrDb();
      double[] b = with.get(g).channelSqnrDb();
      for (int c = 0; c < Granularities.CHANNELS; c++) {
        if (c != Granularities.OUTLIER) {
          assertEquals(a[c], b[c], 0.0, with.get(g).scheme().id() + " channel " + c);
        }
      }
    }
    // Per tensor, the step grows with max|w|: the ordinary channels lose 20·log10 of the ratio of
    // the two matrices' absolute maxima (uniform noise, so about, not exactly).
    double ratio = amax(outlier) / amax(plain);
    double[] a = without.get(0).channelSqnrDb();
    double[] b = with.get(0).channelSqnrDb();
    for (int c = 0; c < Granularities.CHANNELS; c++) {
      if (c != Granularities.OUTLIER) {
        assertEquals(20 * Math.log10(ratio), a[c] - b[c], 1.0, "channel " + c);
      }
    }
    // Per channel, an ordinary channel's step is set by its own max|w| instead of the outlier's.
    double[] perChannel = with.get(1).channelSqnrDb();
    for (int c = 0; c < Granularities.CHANNELS; c++) {
      if (c != Granularities.OUTLIER) {
        double own = 0;
        for (int i = c * Granularities.PER_CHANNEL; i < (c + 1) * Granularities.PER_CHANNEL; i++) {
          own = Math.max(own, Math.abs(outlier[i]));
        }
        assertEquals(
            20 * Math.log10(amax(outlier) / own), perChannel[c] - b[c], 1.0, "channel " + c);
      }
    }
  }

  @Test
  void scalesCostBitsPerWeight() {
    List<Granularities.Row> rows = Granularities.compare(Granularities.matrix(20, 3), 4, 32);
    assertEquals("int4:tensor:sym", rows.get(0).scheme().id());
    // A float32 scale per tensor and per channel (256 weights), as ONNX's DequantizeLinear
    // stores them, a float16 one per group of 32 (MatMulNBits); symmetric: no zero point.
    assertEquals(4 + 32.0 / (32 * 256), rows.get(0).bitsPerWeight(), 1e-12);
    assertEquals(4 + 32.0 / 256, rows.get(1).bitsPerWeight(), 1e-12);
    assertEquals(4 + 16.0 / 32, rows.get(2).bitsPerWeight(), 1e-12);
    assertArrayEquals(
        Granularities.matrix(20, 3), Granularities.matrix(20, 3), "the same matrix for a seed");
  }

  private static double amax(float[] w) {
    double m = 0;
    for (float v : w) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
