package io.quantlens.analysis.biterrors;

import java.util.SplittableRandom;

/**
 * Random bit flips in stored weights, at a bit error rate, with optional protection: SECDED
 * (Hamming single-error-correcting, double-error-detecting, 8 check bits per 64-bit word, the (72,
 * 64) code of ECC memory) or one parity bit per INT4 code. Each stored bit, check bits included,
 * flips independently with probability BER; the flips are drawn as gaps between flips (geometric),
 * so a run costs in proportion to the flips, not the bits, and is the same for the same seed.
 * Outcomes per protected word: no flip; one flip (SECDED corrects it); two (SECDED detects and
 * cannot correct; the data keep the flips); three or more (SECDED may miscorrect: the data keep the
 * flips, counted as silent). Parity detects an odd number of flips in a code's 5 bits (the code is
 * then zeroed, the safest value) and misses an even number.
 */
public final class BitErrors {
  private BitErrors() {}

  /** What protects the stored bits. */
  public enum Protection {
    NONE,
    SECDED,
    PARITY;
  }

  /**
   * The outcome of one injection.
   *
   * @param storedBits the bits that could flip (data and check bits)
   * @param flipped bits flipped
   * @param corrected protected words whose flips were corrected
   * @param detected words (or codes) with flips detected but not corrected
   * @param silent words (or codes) with flips neither corrected nor detected
   * @param valuesChanged weights whose decoded value differs from the error-free one
   */
  public record Outcome(
      long storedBits,
      long flipped,
      long corrected,
      long detected,
      long silent,
      long valuesChanged) {
    /** The rate of flips drawn: flipped / storedBits. */
    public double measuredBer() {
      return storedBits == 0 ? 0 : (double) flipped / storedBits;
    }
  }

  /** The weights after storage with errors, and what happened. */
  public record Result(float[] values, Outcome outcome) {}

  /** Bit error rates above this are refused: the flips' positions are held in memory. */
  public static final double MAX_BER = 0.01;

  /**
   * {@code x} stored in {@code form}, each bit flipped with probability {@code ber}, read back
   * under {@code protection}.
   */
  public static Result inject(
      float[] x, StoredForm form, double ber, Protection protection, long seed) {
    if (!(ber >= 0 && ber <= MAX_BER)) {
      throw new IllegalArgumentException(
          "the bit error rate is between 0 and " + MAX_BER + ", not " + ber);
    }
    Layout layout = Layout.of(form, protection, x.length);
    SplittableRandom random = new SplittableRandom(seed);
    long[] positions = new long[16];
    int n = 0;
    for (long next = gap(random, ber); next < layout.storedBits(); next += 1 + gap(random, ber)) {
      if (n == positions.length) {
        positions = java.util.Arrays.copyOf(positions, n * 2);
      }
      positions[n++] = next;
    }
    return flip(x, form, protection, java.util.Arrays.copyOf(positions, n));
  }

  /** How codes sit in protected words. */
  record Layout(int perWord, int dataBits, int wordBits, long storedBits) {
    static Layout of(StoredForm form, Protection protection, int values) {
      if (protection == Protection.PARITY && form != StoredForm.INT4) {
        throw new IllegalArgumentException("parity protects INT4 codes only");
      }
      int perWord = protection == Protection.PARITY ? 1 : Math.max(1, 64 / form.bits());
      int dataBits = perWord * form.bits();
      int wordBits =
          switch (protection) {
            case NONE -> dataBits;
            case SECDED -> dataBits + 8;
            case PARITY -> dataBits + 1;
          };
      long words = (values + perWord - 1) / perWord;
      return new Layout(perWord, dataBits, wordBits, words * wordBits);
    }
  }

  /**
   * {@code x} stored in {@code form} with the bits at {@code positions} (ascending, counted over
   * the stored words, data bits first in each word, then its check bits) flipped, read back under
   * {@code protection}.
   */
  public static Result flip(float[] x, StoredForm form, Protection protection, long[] positions) {
    Layout layout = Layout.of(form, protection, x.length);
    float scale = scale(x, form);
    long[] clean = new long[x.length];
    float[] errorFree = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      clean[i] = form.encode(x[i], scale);
      errorFree[i] = form.decode(clean[i], scale);
    }
    long[] codes = clean.clone();
    long corrected = 0;
    long detected = 0;
    long silent = 0;
    int i = 0;
    while (i < positions.length) {
      long word = positions[i] / layout.wordBits();
      int flips = 0;
      for (; i < positions.length && positions[i] / layout.wordBits() == word; i++) {
        int bit = (int) (positions[i] % layout.wordBits());
        if (bit < layout.dataBits()) {
          long value = word * layout.perWord() + bit / form.bits();
          if (value < x.length) {
            codes[(int) value] ^= 1L << (bit % form.bits());
          }
        }
        flips++;
      }
      long[] tally =
          settle((int) word, flips, layout.perWord(), protection, codes, clean, x.length);
      corrected += tally[0];
      detected += tally[1];
      silent += tally[2];
    }
    float[] out = new float[x.length];
    long changed = 0;
    for (int k = 0; k < x.length; k++) {
      out[k] = form.decode(codes[k], scale);
      if (Float.floatToRawIntBits(out[k]) != Float.floatToRawIntBits(errorFree[k])) {
        changed++;
      }
    }
    Outcome outcome =
        new Outcome(layout.storedBits(), positions.length, corrected, detected, silent, changed);
    return new Result(out, outcome);
  }

  /** {corrected, detected, silent} for one word with {@code flips} flips; repairs what it can. */
  private static long[] settle(
      int word, int flips, int perWord, Protection protection, long[] codes, long[] clean, int n) {
    int from = word * perWord;
    int to = Math.min(n, from + perWord);
    switch (protection) {
      case SECDED -> {
        if (flips == 1) {
          System.arraycopy(clean, from, codes, from, to - from);
          return new long[] {1, 0, 0};
        }
        return flips == 2 ? new long[] {0, 1, 0} : new long[] {0, 0, 1};
      }
      case PARITY -> {
        if (flips % 2 == 1) {
          for (int i = from; i < to; i++) {
            codes[i] = 0;
          }
          return new long[] {0, 1, 0};
        }
        return new long[] {0, 0, 1};
      }
      default -> {
        return new long[] {0, 0, 1};
      }
    }
  }

  /** Bits to the next flip: geometric with success probability {@code p}; huge for p = 0. */
  private static long gap(SplittableRandom random, double p) {
    if (p <= 0) {
      return Long.MAX_VALUE / 2;
    }
    if (p >= 1) {
      return 0;
    }
    double u = 1 - random.nextDouble();
    return (long) Math.floor(Math.log(u) / Math.log1p(-p));
  }

  /** The per-tensor scale of an integer form: max|x| / maxCode; 1 for the float forms. */
  static float scale(float[] x, StoredForm form) {
    if (form == StoredForm.FP32 || form == StoredForm.FP16) {
      return 1;
    }
    float amax = 0;
    for (float v : x) {
      amax = Math.max(amax, Math.abs(v));
    }
    return amax > 0 ? amax / form.maxCode() : 1;
  }
}
