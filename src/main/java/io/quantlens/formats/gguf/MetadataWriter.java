package io.quantlens.formats.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/** Writes metadata values in GGUF's encoding (the value type id is written by the caller). */
final class MetadataWriter {
  private MetadataWriter() {}

  /** A nested array is written as its element type, count and elements, like a top-level one. */
  static void value(ChannelOutput out, GgufValue value) throws IOException {
    if (value instanceof GgufValue.Int i) {
      switch (i.type()) {
        case UINT8, INT8 -> out.u8((int) i.value());
        case UINT16, INT16 -> out.u16((int) i.value());
        case UINT32, INT32 -> out.u32(i.value());
        default -> out.u64(i.value());
      }
    } else if (value instanceof GgufValue.Real r) {
      if (r.type() == GgufValueType.FLOAT32) {
        out.f32((float) r.value());
      } else {
        out.f64(r.value());
      }
    } else if (value instanceof GgufValue.Bool b) {
      out.u8(b.value() ? 1 : 0);
    } else if (value instanceof GgufValue.Text t) {
      out.string(t.value());
    } else if (value instanceof GgufValue.Stored stored) {
      copy(out, stored);
    } else if (value instanceof GgufValue.Array a) {
      out.u32(a.elementType().id());
      out.u64(a.count());
      for (GgufValue element : a.elements()) {
        value(out, element);
      }
    }
  }

  private static void copy(ChannelOutput out, GgufValue.Stored stored) throws IOException {
    try (FileChannel in = FileChannel.open(stored.file(), StandardOpenOption.READ)) {
      ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
      long at = stored.offset();
      long end = stored.offset() + stored.length();
      while (at < end) {
        chunk.clear().limit((int) Math.min(chunk.capacity(), end - at));
        int n = in.read(chunk, at);
        if (n < 0) {
          throw new java.io.EOFException(stored.file() + " ends inside a metadata value");
        }
        chunk.flip();
        out.bytes(chunk);
        at += n;
      }
    }
  }
}
