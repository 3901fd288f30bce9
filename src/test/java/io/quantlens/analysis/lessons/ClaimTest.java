package io.quantlens.analysis.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ceilings lesson 7 compares bandwidth claims with, and when a claim holds. */
class ClaimTest {
  @Test
  void fewerBitsSaveAtMostTheirShareOfTheBytes() {
    assertEquals(75, Claim.bitSavingPercent(32, 8));
    assertEquals(87.5, Claim.bitSavingPercent(32, 4));
    assertFalse(new Claim("bandwidth4", 95, 2, Claim.bitSavingPercent(32, 4)).holds());
    assertTrue(new Claim("sqnr4", 30, 3, 27.5).holds());
    assertFalse(new Claim("sqnr4", 30, 3, 26.9).holds());
  }
}
