package io.quantlens.formats.openvino;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * The new {@code .bin} file as it is written: constants back to back from offset 0 with no padding,
 * in the order the XML lists them, as OpenVINO's {@code ConstantWriter} writes them
 * (src/core/xml_util/src/constant_writer.cpp), and like it writing bytes it already wrote once: a
 * constant copied from the same bytes of the source as an earlier one shares that one's offset.
 */
final class BinOut {
  private final FileChannel source;
  private final FileChannel out;
  private final Map<String, Long> copied = new HashMap<>();
  private long position;

  BinOut(FileChannel source, FileChannel out) {
    this.source = source;
    this.out = out;
  }

  /** Appends {@code bytes}; returns their offset. */
  long write(byte[] bytes) throws IOException {
    long at = position;
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      position += out.write(b, position);
    }
    return at;
  }

  /**
   * Copies {@code size} bytes at {@code offset} of the source (once); returns their offset here.
   */
  long copy(long offset, long size) throws IOException {
    String key = offset + ":" + size;
    Long done = copied.get(key);
    if (done != null) {
      return done;
    }
    long at = position;
    long moved = 0;
    while (moved < size) {
      long n = source.transferTo(offset + moved, size - moved, out.position(position));
      if (n <= 0) {
        throw new IOException("the source weights file ended at byte " + (offset + moved));
      }
      moved += n;
      position += n;
    }
    copied.put(key, at);
    return at;
  }

  /** Bytes of the source weights file, 0 when it has none. */
  long sourceSize() throws IOException {
    return source == null ? 0 : source.size();
  }

  long size() {
    return position;
  }
}
