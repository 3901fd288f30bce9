package io.quantlens.formats.gguf;

/**
 * float32 to the 16-bit patterns ggml stores, rounded as ggml's scalar path rounds (FORMATS.md §1.4
 * (3), (4)): round to nearest even, subnormals kept, overflow to infinity.
 */
final class FloatEncoding {
  private FloatEncoding() {}

  static short fp16(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7FFF_FFFF;
    if (abs > 0x7F80_0000) {
      return (short) (sign | 0x7E00);
    }
    if (abs >= 0x477F_F000) {
      // 65520 and above (and infinity) round to infinity.
      return (short) (sign | 0x7C00);
    }
    if (abs < 0x3880_0000) {
      // Below 2^-14: a subnormal, counted in steps of 2^-24 (the scaling is exact).
      int steps = (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f);
      return (short) (sign | steps);
    }
    int half = (((abs >>> 23) - 112) << 10) | ((abs >>> 13) & 0x3FF);
    int rest = abs & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
      half++;
    }
    return (short) (sign | half);
  }

  static short bf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
      return (short) ((bits >>> 16) | 0x40);
    }
    return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
  }
}
