package io.quantlens.quant;

/**
 * NF4, the 4-bit NormalFloat code-book of bitsandbytes: each block is scaled by its absolute
 * maximum and every value snaps to the nearest of 16 fixed levels (docs/numeric-rules.md#nf4).
 */
public enum Nf4Format implements Format {
  NF4;

  private static final float[] LEVELS = {
    -1.0f,
    -0.6961928009986877f,
    -0.5250730514526367f,
    -0.39491748809814453f,
    -0.28444138169288635f,
    -0.18477343022823334f,
    -0.09105003625154495f,
    0.0f,
    0.07958029955625534f,
    0.16093020141124725f,
    0.24611230194568634f,
    0.33791524171829224f,
    0.44070982933044434f,
    0.5626170039176941f,
    0.7229568362236023f,
    1.0f
  };

  @Override
  public String id() {
    return "nf4";
  }

  @Override
  public int bits() {
    return 4;
  }

  public float level(int code) {
    return LEVELS[code];
  }

  /** The code whose level is nearest to {@code scaled} (in [−1, 1]); ties go to the upper level. */
  public int nearestCode(float scaled) {
    int code = 0;
    for (int i = 1; i < LEVELS.length; i++) {
      float midpoint = (LEVELS[i - 1] + LEVELS[i]) * 0.5f;
      if (scaled >= midpoint) {
        code = i;
      } else {
        break;
      }
    }
    return code;
  }
}
