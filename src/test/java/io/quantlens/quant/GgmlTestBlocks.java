package io.quantlens.quant;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Helpers for the ggml block tests: run one block through a format, hex in and out. */
final class GgmlTestBlocks {
  private GgmlTestBlocks() {}

  static byte[] quantize(GgmlFormat f, float[] x) {
    byte[] out = new byte[f.blockBytes()];
    f.quantizeBlock(x, 0, out, 0);
    return out;
  }

  static float[] decode(GgmlFormat f, byte[] block) {
    float[] y = new float[f.blockElements()];
    f.dequantizeBlock(ByteBuffer.wrap(block), 0, y, 0);
    return y;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static byte[] bytes(String spacedHex) {
    return HexFormat.of().parseHex(spacedHex.replace(" ", ""));
  }

  static float[] bits(String spacedHex) {
    String[] w = spacedHex.trim().split("\\s+");
    float[] x = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      x[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(w[i], 16));
    }
    return x;
  }

  static float[] decimals(String spaced) {
    String[] w = spaced.trim().split("\\s+");
    float[] x = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      x[i] = Float.parseFloat(w[i]);
    }
    return x;
  }
}
