package io.quantlens.quant;

/**
 * Runs a ggml block format through {@link GgmlFormat#quantizeBlock} and {@link
 * GgmlFormat#dequantizeBlock}, so x̂ is exactly what llama.cpp would store and decode.
 *
 * <p>A group longer than a block is cut into blocks; a group (or its last block) shorter than a
 * block, which happens when a reduction vector is not a multiple of the block size, is padded with
 * zeros for quantization and only its real values are used. llama.cpp itself refuses such rows and
 * picks another type, so those blocks have no llama.cpp counterpart; the padding can only lower the
 * block's scales.
 *
 * <ul>
 *   <li>{@link #groupScale}: the largest decoded step |d·scale| among the sub-blocks holding real
 *       values (the block's |d| for the 32-weight formats), the step the coarsest part of the block
 *       uses;
 *   <li>clipped: a value outside its sub-block's level range by more than half that sub-block's
 *       step. Sub-blocks whose decoded step is 0 (their 6- or 4-bit scale rounded to 0 next to a
 *       much larger sub-block) flush their values to one level; they are not counted as clipped;
 *   <li>predicted noise: Δ²/12 for each value from its own sub-block's decoded step.
 * </ul>
 */
final class GgmlKernel extends SchemeKernel {
  private final GgmlFormat format;

  GgmlKernel(GgmlFormat format) {
    this.format = format;
  }

  @Override
  public void roundTrip(
      float[] x, int off, int len, float[] out, float[] scratch, ErrorAccumulator acc) {
    GgmlScratch s = GgmlScratch.get();
    int block = format.blockElements();
    long clipped = 0;
    double predicted = 0;
    for (int start = off, end = off + len; start < end; start += block) {
      int n = Math.min(block, end - start);
      encode(x, start, n, s);
      format.dequantizeBlock(s.buffer, 0, s.decoded, 0);
      System.arraycopy(s.decoded, 0, out, start, n);
      format.subBlockLevels(s.buffer, 0, s.mul, s.add);
      int sub = format.subBlockElements();
      for (int i = 0; i < n; i++) {
        float step = Math.abs(s.mul[i / sub]);
        if (step == 0) {
          continue;
        }
        predicted += (double) step * step;
        float a = levelAt(s, i / sub, format.codeMin());
        float b = levelAt(s, i / sub, format.codeMax());
        double half = step / 2.0;
        float v = x[start + i];
        if (v < Math.min(a, b) - half || v > Math.max(a, b) + half) {
          clipped++;
        }
      }
    }
    acc.addClipped(clipped);
    acc.addPredictedNoise(predicted / 12);
  }

  /** The largest decoded step among the sub-blocks of real values in the group's blocks. */
  @Override
  public float groupScale(float[] x, int off, int len, float[] scratch) {
    GgmlScratch s = GgmlScratch.get();
    float widest = 0;
    for (int start = off, end = off + len; start < end; start += format.blockElements()) {
      int n = Math.min(format.blockElements(), end - start);
      widest = Math.max(widest, Math.abs(s.mul[widestSubBlock(x, start, n, s)]));
    }
    return widest;
  }

  /**
   * The ascending decoded levels of the group's widest sub-block (the one {@link #groupScale}
   * reports; the first block's if several tie).
   */
  @Override
  public double[] groupLevels(float[] x, int off, int len, float[] scratch) {
    GgmlScratch s = GgmlScratch.get();
    float widest = -1;
    int bestStart = off;
    for (int start = off, end = off + len; start < end; start += format.blockElements()) {
      int n = Math.min(format.blockElements(), end - start);
      float step = Math.abs(s.mul[widestSubBlock(x, start, n, s)]);
      if (step > widest) {
        widest = step;
        bestStart = start;
      }
    }
    int j =
        widestSubBlock(x, bestStart, Math.min(format.blockElements(), off + len - bestStart), s);
    int count = format.codeMax() - format.codeMin() + 1;
    double[] levels = new double[count];
    for (int q = 0; q < count; q++) {
      levels[q] = levelAt(s, j, format.codeMin() + q);
    }
    java.util.Arrays.sort(levels);
    return levels;
  }

  /** Encodes one block and leaves its sub-block levels in the scratch; returns the widest one. */
  private int widestSubBlock(float[] x, int start, int n, GgmlScratch s) {
    encode(x, start, n, s);
    format.subBlockLevels(s.buffer, 0, s.mul, s.add);
    int used = (n + format.subBlockElements() - 1) / format.subBlockElements();
    int widest = 0;
    for (int j = 1; j < used; j++) {
      if (Math.abs(s.mul[j]) > Math.abs(s.mul[widest])) {
        widest = j;
      }
    }
    return widest;
  }

  private void encode(float[] x, int start, int n, GgmlScratch s) {
    float[] input = x;
    int from = start;
    if (n < format.blockElements()) {
      System.arraycopy(x, start, s.block, 0, n);
      java.util.Arrays.fill(s.block, n, format.blockElements(), 0f);
      input = s.block;
      from = 0;
    }
    format.quantizeBlock(input, from, s.bytes, 0);
  }

  /** Level of code q in sub-block j, as the decoders compute it (one product, one sum in fp32). */
  private static float levelAt(GgmlScratch s, int j, int q) {
    return s.mul[j] * q + s.add[j];
  }
}
