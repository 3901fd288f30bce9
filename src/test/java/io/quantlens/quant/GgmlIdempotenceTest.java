package io.quantlens.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Quantizing the decoded values again gives the same block for the 32-weight formats:
 *
 * <ul>
 *   <li>q8_0: the largest |x| decodes to ±127·d16 exactly, so d' = d16 and every code comes back;
 *   <li>q4_0 / q5_0: the extreme value decodes to −8·d16 (−16·d16), the only one of that magnitude,
 *       so d' = d16 and x̂·(1/d16) + 8.5 truncates back to each code;
 *   <li>q4_1 / q5_1: min' = m16 and max' − min' = 15·d16 (31·d16) up to fp32 rounding, which fp16
 *       rounds away; this needs |m| not much larger than 2^20·d, true for these inputs but not for
 *       every block.
 * </ul>
 *
 * The k-quants are not idempotent in general: the searches refit scales and mins to the decoded
 * values, and the re-quantized 6-bit sub-scales need not land on the same codes.
 */
class GgmlIdempotenceTest {

  @ParameterizedTest
  @EnumSource(
      value = GgmlFormat.class,
      names = {"Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1"})
  void secondPassReproducesTheBlocks(GgmlFormat f) {
    float[] x = GgmlReferenceFixtureTest.sweepValues(64);
    int blocks = x.length / f.blockElements();
    byte[] first = new byte[blocks * f.blockBytes()];
    float[] y = new float[x.length];
    for (int b = 0; b < blocks; b++) {
      f.quantizeBlock(x, b * f.blockElements(), first, b * f.blockBytes());
      f.dequantizeBlock(ByteBuffer.wrap(first), b * f.blockBytes(), y, b * f.blockElements());
    }
    byte[] second = new byte[first.length];
    for (int b = 0; b < blocks; b++) {
      f.quantizeBlock(y, b * f.blockElements(), second, b * f.blockBytes());
    }
    assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(second));
  }
}
