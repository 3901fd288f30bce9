package io.quantlens.eval.llm.tokens;

import java.io.ByteArrayOutputStream;

/**
 * GPT-2's byte-to-character map ({@code bytes_to_unicode} of OpenAI's encoder.py, the same in HF's
 * ByteLevel pre-tokenizer and llama.cpp's {@code unicode_byte_to_utf8}): printable Latin-1 bytes
 * stand for themselves, the other 68 bytes take U+0100 onwards in byte order.
 */
final class ByteLevel {
  private static final char[] CHARS = chars();
  private static final int[] BYTES = bytes();

  private ByteLevel() {}

  private static char[] chars() {
    char[] out = new char[256];
    int extra = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      out[b] = printable ? (char) b : (char) (256 + extra++);
    }
    return out;
  }

  private static int[] bytes() {
    int[] out = new int[256 + 68];
    java.util.Arrays.fill(out, -1);
    for (int b = 0; b < 256; b++) {
      out[CHARS[b]] = b;
    }
    return out;
  }

  static char charOf(int b) {
    return CHARS[b & 0xFF];
  }

  /** The byte a character stands for, or -1 when it stands for none. */
  static int byteOf(char c) {
    return c < BYTES.length ? BYTES[c] : -1;
  }

  static String encode(byte[] bytes) {
    char[] out = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = CHARS[bytes[i] & 0xFF];
    }
    return new String(out);
  }

  /** Appends the bytes a byte-level piece stands for; characters outside the map as UTF-8. */
  static void decode(String piece, ByteArrayOutputStream out) {
    for (int i = 0; i < piece.length(); i++) {
      int b = byteOf(piece.charAt(i));
      if (b >= 0) {
        out.write(b);
      } else {
        out.writeBytes(
            String.valueOf(piece.charAt(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }
}
