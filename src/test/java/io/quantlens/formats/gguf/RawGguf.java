package io.quantlens.formats.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Assembles GGUF bytes field by field, independently of GgufWriter, for hand-made files. */
final class RawGguf {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Magic, version and the two counts. */
  static RawGguf header(long version, long tensorCount, long metadataCount) {
    return new RawGguf()
        .raw("GGUF".getBytes(StandardCharsets.US_ASCII))
        .u32(version)
        .u64(tensorCount)
        .u64(metadataCount);
  }

  RawGguf u8(int v) {
    out.write(v);
    return this;
  }

  RawGguf u16(int v) {
    return raw(le(2).putShort((short) v).array());
  }

  RawGguf u32(long v) {
    return raw(le(4).putInt((int) v).array());
  }

  RawGguf u64(long v) {
    return raw(le(8).putLong(v).array());
  }

  RawGguf f32(float v) {
    return raw(le(4).putFloat(v).array());
  }

  RawGguf f64(double v) {
    return raw(le(8).putDouble(v).array());
  }

  RawGguf string(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return u64(utf8.length).raw(utf8);
  }

  /** A key with its value type id; the value follows. */
  RawGguf key(String key, int typeId) {
    return string(key).u32(typeId);
  }

  /** A tensor info; {@code ne} innermost first, as stored. */
  RawGguf tensor(String name, int typeId, long offset, long... ne) {
    string(name).u32(ne.length);
    for (long d : ne) {
      u64(d);
    }
    return u32(typeId).u64(offset);
  }

  RawGguf padTo(int alignment) {
    while (out.size() % alignment != 0) {
      out.write(0);
    }
    return this;
  }

  RawGguf raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  RawGguf zeros(int n) {
    return raw(new byte[n]);
  }

  int size() {
    return out.size();
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  Path write(Path file) throws IOException {
    return Files.write(file, bytes());
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
