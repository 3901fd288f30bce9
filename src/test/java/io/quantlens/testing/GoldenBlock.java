package io.quantlens.testing;

/** golden.md's "Input block X": 32 float32 values, given as their bit patterns. */
public final class GoldenBlock {
  private static final int[] X_BITS = {
    0xbf4ccccd, 0x3f97612c, 0x40106806, 0x3ff845bc, 0x3ecf5784, 0xc0600000, 0xc04757b0, 0xc0596e4f,
    0xc012cd9f, 0xbe995fd1, 0x3fd5e202, 0x402dba71, 0x40174874, 0x3f4eaafe, 0xbf99872f, 0xc02c1a01,
    0xc03c008c, 0xbfe6f6fc, 0x3e4db032, 0x400a284d, 0x404aff23, 0x40326227, 0x3f9acc2e, 0xbf4bd4c6,
    0xc010d014, 0xc01e852b, 0xbfa84193, 0x3f33863b, 0x4029564a, 0x4068360d, 0x404d7019, 0x3fce3a88
  };

  private GoldenBlock() {}

  /** A new copy of X. */
  public static float[] x() {
    float[] x = new float[X_BITS.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = Float.intBitsToFloat(X_BITS[i]);
    }
    return x;
  }
}
