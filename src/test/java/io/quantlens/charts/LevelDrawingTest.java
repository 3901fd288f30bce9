package io.quantlens.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Lines or a band, decided on hand-worked level spacings. */
class LevelDrawingTest {
  private static double[] symmetric(int steps, double step) {
    double[] levels = new double[2 * steps + 1];
    for (int k = -steps; k <= steps; k++) {
      levels[k + steps] = k * step;
    }
    return levels;
  }

  @Test
  void int8PerTensorOver400PixelsIsABand() {
    // 255 levels, Δ = 1/127, over [-1, 1] at 400 px: 400 / 254 = 1.57 px apart.
    LevelDrawing d = LevelDrawing.of(symmetric(127, 1.0 / 127), -1, 1, 400);
    assertEquals(LevelDrawing.Kind.BAND, d.kind());
    assertEquals(400.0 / 254, d.smallestGapPx(), 1e-9);
    assertEquals(255, d.levels().length);
  }

  @Test
  void int4IsLines() {
    // 15 levels, Δ = 1/7, over [-1, 1] at 400 px: 400 / 14 = 28.6 px apart.
    LevelDrawing d = LevelDrawing.of(symmetric(7, 1.0 / 7), -1, 1, 400);
    assertEquals(LevelDrawing.Kind.LINES, d.kind());
    assertEquals(400.0 / 14, d.smallestGapPx(), 1e-9);
  }

  @Test
  void exactlyFourPixelsApartAreStillLines() {
    // Δ = 1/64 (exact in binary) over a 1.0 wide view at 256 px is 4 px; at 255 px, 3.98 px.
    double[] levels = symmetric(16, 1.0 / 64);
    assertEquals(LevelDrawing.Kind.LINES, LevelDrawing.of(levels, -0.5, 0.5, 256).kind());
    assertEquals(LevelDrawing.Kind.BAND, LevelDrawing.of(levels, -0.5, 0.5, 255).kind());
  }

  @Test
  void levelsOutsideTheViewDoNotCount() {
    // A view of the bulk [-0.1, 0.1] holds 3 of INT4's levels at Δ = 0.1: 0.1 / 0.2 · 400 = 200 px.
    LevelDrawing d = LevelDrawing.of(symmetric(7, 0.1), -0.1, 0.1, 400);
    assertEquals(LevelDrawing.Kind.LINES, d.kind());
    assertEquals(3, d.levels().length);
    assertEquals(200, d.smallestGapPx(), 1e-9);
  }

  @Test
  void noFiniteLevelsInViewDrawNothing() {
    double[] levels = {Double.NaN, Double.POSITIVE_INFINITY, 5};
    assertEquals(LevelDrawing.Kind.NONE, LevelDrawing.of(levels, -1, 1, 400).kind());
    assertEquals(LevelDrawing.Kind.NONE, LevelDrawing.of(null, -1, 1, 400).kind());
  }
}
