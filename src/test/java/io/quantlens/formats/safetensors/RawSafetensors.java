package io.quantlens.formats.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes safetensors files byte by byte, without the writer under test, so they can be broken. */
final class RawSafetensors {
  private RawSafetensors() {}

  /** A file with the given header length field, header text and data bytes. */
  static Path write(Path file, long headerLength, byte[] header, byte[] data) throws IOException {
    ByteBuffer bytes =
        ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(headerLength).put(header).put(data);
    return Files.write(file, bytes.array());
  }

  /** A file whose header is {@code json} with a correct length field. */
  static Path write(Path file, String json, byte[] data) throws IOException {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    return write(file, header.length, header, data);
  }

  /** A file whose header is {@code json} followed by {@code dataBytes} zero bytes. */
  static Path write(Path file, String json, int dataBytes) throws IOException {
    return write(file, json, new byte[dataBytes]);
  }

  /** One tensor entry of a header, e.g. {@code entry("w", "F32", "[2, 3]", 0, 24)}. */
  static String entry(String name, String dtype, String shape, long begin, long end) {
    return "\""
        + name
        + "\":{\"dtype\":\""
        + dtype
        + "\",\"shape\":"
        + shape
        + ",\"data_offsets\":["
        + begin
        + ","
        + end
        + "]}";
  }

  /** A header object of the given entries. */
  static String header(String... entries) {
    return "{" + String.join(",", entries) + "}";
  }
}
