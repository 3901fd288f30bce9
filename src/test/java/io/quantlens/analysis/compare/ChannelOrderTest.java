package io.quantlens.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * llama.cpp's converter reorders attn_q and attn_k rows within each head (convert_hf_to_gguf.py,
 * LlamaModel.permute: reshape to (heads, 2, rows/heads/2, …), swap axes 1 and 2). The expected
 * orders below are worked out by hand from that reshape.
 */
class ChannelOrderTest {
  @Test
  void aHeadOfFourRowsInterleavesItsHalves() {
    // (heads=1, 2, 2): GGUF row (i, j) at 2i+j holds HF row j·2+i: 0, 2, 1, 3
    assertArrayEquals(new long[] {0, 2, 1, 3}, rows(ChannelOrder.ropePairs(4, true), 4));
  }

  @Test
  void twoHeadsOfSixRowsEachKeepTheirHeads() {
    // half = 3: GGUF rows 0..5 of a head hold HF rows 0, 3, 1, 4, 2, 5
    assertArrayEquals(
        new long[] {0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11},
        rows(ChannelOrder.ropePairs(6, true), 12));
    // the other way round: HF row r sits at GGUF row 2·(r mod 3) + r div 3
    assertArrayEquals(
        new long[] {0, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11},
        rows(ChannelOrder.ropePairs(6, false), 12));
  }

  @Test
  void theTwoDirectionsUndoEachOther() {
    ChannelOrder toHf = ChannelOrder.ropePairs(128, true);
    ChannelOrder toGguf = ChannelOrder.ropePairs(128, false);
    for (long c = 0; c < 4096; c++) {
      assertEquals(c, toGguf.original(toHf.original(c)));
    }
  }

  private static long[] rows(ChannelOrder order, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = order.original(i);
    }
    return out;
  }
}
