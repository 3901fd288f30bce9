package io.quantlens.formats.gguf;

import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.model.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads the GGUF header front to back from a memory mapping. Every read is checked against the end
 * of the file first, so a corrupt count or length gives a {@link ModelFormatException}, never a
 * large allocation or a buffer exception.
 */
final class HeaderCursor {
  private final Path file;
  private final ByteRegion bytes;
  private long position;

  HeaderCursor(Path file, ByteRegion bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  long position() {
    return position;
  }

  long remaining() {
    return bytes.length() - position;
  }

  Path file() {
    return file;
  }

  int u8(String what) throws ModelFormatException {
    return Byte.toUnsignedInt(take(1, what).get());
  }

  int u16(String what) throws ModelFormatException {
    return Short.toUnsignedInt(take(2, what).getShort());
  }

  long u32(String what) throws ModelFormatException {
    return Integer.toUnsignedLong(take(4, what).getInt());
  }

  /** A u64 as its bit pattern (negative when above {@link Long#MAX_VALUE}). */
  long u64(String what) throws ModelFormatException {
    return take(8, what).getLong();
  }

  /** A u64 count or length that must also fit a signed 64-bit value, as gguf.cpp requires. */
  long count(String what) throws ModelFormatException {
    long n = u64(what);
    if (n < 0) {
      throw error(what + " " + Long.toUnsignedString(n) + " is too large");
    }
    return n;
  }

  /** Reads a string's length and up to {@code keepBytes} of its bytes; the rest is skipped. */
  GgufValue.Text string(String what, int keepBytes) throws ModelFormatException {
    long length = count(what + " length");
    if (length > remaining()) {
      throw error(
          what
              + " claims "
              + length
              + " bytes at offset "
              + (position - 8)
              + " but only "
              + remaining()
              + " remain in the file");
    }
    int kept = (int) Math.min(length, keepBytes);
    byte[] utf8 = new byte[kept];
    int done = 0;
    while (done < kept) {
      ByteBuffer view = bytes.view(position + done);
      int n = Math.min(kept - done, view.remaining());
      view.get(utf8, done, n);
      done += n;
    }
    position += length;
    // Malformed UTF-8 (or a prefix cut inside a character) is replaced, not refused: gguf.cpp does
    // not validate strings either.
    return new GgufValue.Text(new String(utf8, StandardCharsets.UTF_8), length);
  }

  /** Skips a string, checking only that it lies within the file. */
  void skipString(String what) throws ModelFormatException {
    long length = count(what + " length");
    skip(length, what);
  }

  void skip(long length, String what) throws ModelFormatException {
    if (length > remaining()) {
      throw truncated(length, what);
    }
    position += length;
  }

  ModelFormatException error(String problem) {
    return new ModelFormatException(file, problem);
  }

  private ByteBuffer take(int n, String what) throws ModelFormatException {
    if (n > remaining()) {
      throw truncated(n, what);
    }
    ByteBuffer view = bytes.view(position);
    position += n;
    return view;
  }

  private ModelFormatException truncated(long n, String what) {
    return error(
        "the file ends inside the GGUF header: "
            + what
            + " needs "
            + n
            + " bytes at offset "
            + position
            + " but the file has "
            + bytes.length()
            + " bytes");
  }
}
