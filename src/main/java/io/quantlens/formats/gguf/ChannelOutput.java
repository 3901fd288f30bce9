package io.quantlens.formats.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/** Buffered little-endian writes to a channel, counting the bytes written. */
final class ChannelOutput {
  private final WritableByteChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long written;

  ChannelOutput(WritableByteChannel channel) {
    this.channel = channel;
  }

  /** Bytes written so far, buffered ones included. */
  long position() {
    return written + buffer.position();
  }

  void u8(int v) throws IOException {
    room(1).put((byte) v);
  }

  void u16(int v) throws IOException {
    room(2).putShort((short) v);
  }

  void u32(long v) throws IOException {
    room(4).putInt((int) v);
  }

  void u64(long v) throws IOException {
    room(8).putLong(v);
  }

  void f32(float v) throws IOException {
    room(4).putFloat(v);
  }

  void f64(double v) throws IOException {
    room(8).putDouble(v);
  }

  void string(String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    u64(utf8.length);
    bytes(ByteBuffer.wrap(utf8));
  }

  void bytes(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      if (!buffer.hasRemaining()) {
        flush();
      }
      int n = Math.min(src.remaining(), buffer.remaining());
      ByteBuffer slice = src.slice();
      slice.limit(n);
      buffer.put(slice);
      src.position(src.position() + n);
    }
  }

  /** Writes zero bytes up to the next multiple of {@code alignment}. */
  void padTo(int alignment) throws IOException {
    long pad = DataSection.align(position(), alignment) - position();
    for (long i = 0; i < pad; i++) {
      u8(0);
    }
  }

  void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      written += channel.write(buffer);
    }
    buffer.clear();
  }

  private ByteBuffer room(int n) throws IOException {
    if (buffer.remaining() < n) {
      flush();
    }
    return buffer;
  }
}
