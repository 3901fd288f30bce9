package io.quantlens.samples.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stratified split: exact counts per class, no shared image, fixed by its seed. */
class DigitSplitTest {

  /** 50 images per class; image i has its index in its first two bytes, so images are unique. */
  private static Digits numbered() {
    int n = 500;
    byte[] pixels = new byte[n * Digits.PIXELS];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      pixels[i * Digits.PIXELS] = (byte) (i >> 8);
      pixels[i * Digits.PIXELS + 1] = (byte) i;
      labels[i] = i % 10;
    }
    return new Digits(pixels, labels);
  }

  private static Set<Integer> ids(Digits d) {
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < d.size(); i++) {
      ids.add(d.pixel(i, 0) << 8 | d.pixel(i, 1));
    }
    return ids;
  }

  @Test
  void holdsOutTheSameNumberOfEveryClassAndSharesNothing() {
    DigitSplit split = DigitSplit.stratified(numbered(), 20, 7);

    assertArrayEquals(
        new int[] {20, 20, 20, 20, 20, 20, 20, 20, 20, 20}, split.eval().classCounts());
    assertEquals(300, split.train().size());
    Set<Integer> all = new HashSet<>(ids(split.train()));
    all.addAll(ids(split.eval()));
    assertEquals(500, all.size());
  }

  @Test
  void theSeedFixesTheChoice() {
    Digits d = numbered();
    assertEquals(
        ids(DigitSplit.stratified(d, 20, 7).eval()), ids(DigitSplit.stratified(d, 20, 7).eval()));
    assertNotEquals(
        ids(DigitSplit.stratified(d, 20, 7).eval()), ids(DigitSplit.stratified(d, 20, 8).eval()));
  }
}
