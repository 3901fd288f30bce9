package io.quantlens.analysis;

import static io.quantlens.analysis.InMemoryModels.gaussian;
import static io.quantlens.analysis.InMemoryModels.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantlens.model.Layer;
import io.quantlens.quant.GroupParams;
import io.quantlens.quant.IntFormat;
import io.quantlens.quant.Nf4Format;
import io.quantlens.quant.Scheme;
import org.junit.jupiter.api.Test;

/** Any group's levels, against the group's own parameters worked out by hand. */
class GroupLevelsTest {
  /**
   * MatMul weight [K=4, N=2]: output channels are columns, groups of 2 run down each column. Column
   * 0 = [0.7, 0.35 | −1.4, 0.1], column 1 = [−0.1, 0.05 | 0.2, 0.3].
   */
  private static final Layer MATMUL =
      new Layer(
          "mm",
          "MatMul",
          tensor("w", new float[] {0.7f, -0.1f, 0.35f, 0.05f, -1.4f, 0.2f, 0.1f, 0.3f}, 4, 2),
          null,
          1);

  private static LayerDetail detail(Layer layer, String scheme) {
    return LayerDetail.compute(layer, Scheme.parse(scheme), () -> false);
  }

  @Test
  void everyInt4GroupHasItsOwnStepTimesTheCodes() {
    LayerDetail d = detail(MATMUL, "int4:g2:sym");
    // absmax / 7 in float32 for [0.7, 0.35], [−1.4, 0.1], [−0.1, 0.05], [0.2, 0.3]
    float[] steps = {0.7f / 7, 1.4f / 7, 0.1f / 7, 0.3f / 7};
    for (int g = 0; g < 4; g++) {
      GroupLevels levels = GroupLevels.of(d, g);
      assertEquals(g, levels.group());
      assertEquals(15, levels.count());
      for (int q = -7; q <= 7; q++) {
        assertEquals((float) q * steps[g], levels.levels()[q + 7], "group " + g + " code " + q);
      }
      assertEquals(-7f * steps[g], levels.lo());
      assertEquals(7f * steps[g], levels.hi());
      assertEquals(steps[g], levels.step());
      assertEquals(d.scale(g), (float) levels.step(), "the engine's scale for the group");
    }
  }

  @Test
  void theWidestGroupsLevelsAreTheDetailsOwn() {
    LayerDetail d = detail(MATMUL, "int4:g2:sym");
    GroupLevels widest = GroupLevels.of(d, d.levelsGroup());
    assertArrayEquals(d.levels(), widest.levels());
    assertEquals(d.clipLo(), widest.lo());
    assertEquals(d.clipHi(), widest.hi());
    assertEquals(d.step(), widest.step());
  }

  /**
   * Rows of a Gemm [2, 4], int8 per channel asymmetric. Row 0 = [0.5, −1, 0.25, 0.75]: scale =
   * 1.75/255, zero point rne(1/scale) = rne(145.71) = 146. Row 1 = [2.54, −1.27, 0.01, 0.5]: scale
   * 3.81/255, zero point rne(1.27/scale) = rne(85.0) = 85.
   */
  @Test
  void asymmetricGroupsCarryTheirZeroPoints() {
    Layer gemm =
        new Layer(
            "gemm",
            "Gemm",
            tensor("w", new float[] {0.5f, -1f, 0.25f, 0.75f, 2.54f, -1.27f, 0.01f, 0.5f}, 2, 4),
            null,
            0);
    LayerDetail d = detail(gemm, "int8:channel:asym");
    float scale0 = (float) (1.75 / 255);
    GroupLevels row0 = GroupLevels.of(d, 0);
    assertEquals(256, row0.count());
    assertEquals((float) (0 - 146) * scale0, row0.lo());
    assertEquals((float) (255 - 146) * scale0, row0.hi());
    assertEquals(0.0, row0.levels()[146]);
    GroupParams p1 = GroupParams.asymmetric(new IntFormat(8), -1.27f, 2.54f);
    assertEquals(85, p1.zeroPoint());
    GroupLevels row1 = GroupLevels.of(d, 1);
    for (int q = 0; q <= 255; q++) {
      assertEquals((float) (q - 85) * p1.scale(), row1.levels()[q]);
    }
  }

  @Test
  void nf4GroupsScaleTheNormalFloatLevelsByTheirAbsmax() {
    LayerDetail d = detail(MATMUL, "nf4:g2");
    Nf4Format nf4 = (Nf4Format) Scheme.parse("nf4:g2").format();
    float[] absmax = {0.7f, 1.4f, 0.1f, 0.3f};
    for (int g = 0; g < 4; g++) {
      double[] levels = GroupLevels.of(d, g).levels();
      assertEquals(16, levels.length);
      for (int code = 0; code < 16; code++) {
        assertEquals(nf4.level(code) * absmax[g], levels[code], "group " + g + " code " + code);
      }
      assertEquals(Double.NaN, GroupLevels.of(d, g).step());
    }
  }

  /** q4_0, one 32-block per group: block 0 = (j − 8)/4 for j < 16, then zeros: d = −2/−8 = 0.25. */
  @Test
  void q4_0BlocksDecodeToTheirOwnGrid() {
    float[] w = new float[64];
    for (int j = 0; j < 16; j++) {
      w[j] = (j - 8) / 4f;
    }
    w[32] = 3f; // block 1: max 3 gives d = −0.375
    Layer gemm = new Layer("gemm", "Gemm", tensor("w", w, 2, 32), null, 0);
    LayerDetail d = detail(gemm, "q4_0");
    assertEquals(1, d.levelsGroup());
    double[] block0 = GroupLevels.of(d, 0).levels();
    assertEquals(16, block0.length);
    for (int q = 0; q < 16; q++) {
      assertEquals((q - 8) * 0.25, block0[q], "code " + q);
    }
    assertEquals(0.25, GroupLevels.of(d, 0).step());
  }

  @Test
  void aPerTensorSchemeHasOneGroup() {
    Layer gemm = new Layer("g", "Gemm", tensor("w", gaussian(64, 3), 8, 8), null, 0);
    LayerDetail d = detail(gemm, "int8:tensor:sym");
    assertArrayEquals(d.levels(), GroupLevels.of(d, 0).levels());
    assertThrows(IndexOutOfBoundsException.class, () -> GroupLevels.of(d, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> GroupLevels.of(d, -1));
  }

  /** Scales 0.1, 0.2, 0.0143, 0.0429: ascending g2, g3, g0, g1; the lower median is g3. */
  @Test
  void theMedianGroupIsTheLowerMedianScale() {
    assertEquals(3, detail(MATMUL, "int4:g2:sym").medianGroup());
    LayerDetail rows = detail(MATMUL, "int4:channel:sym"); // scales 1.4/7 and 0.3/7
    assertEquals(1, rows.medianGroup());
    assertEquals(0, rows.levelsGroup());
  }
}
