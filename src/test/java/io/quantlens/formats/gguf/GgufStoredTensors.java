package io.quantlens.formats.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every tensor of a GGUF file as stored: its ggml type name, its dimensions and its bytes, for
 * tests that compare two files tensor by tensor (types and bytes), not decoded values.
 */
public final class GgufStoredTensors {
  /** One tensor's type (e.g. {@code Q4_K}), shape outermost first, and stored bytes. */
  public record Stored(String type, long[] shape, byte[] bytes) {}

  private GgufStoredTensors() {}

  /** Tensor name → what is stored, in file order. */
  public static Map<String, Stored> read(Path file) throws Exception {
    GgufContents contents = new GgufReader().contents(file);
    Map<String, Stored> tensors = new LinkedHashMap<>();
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      for (TensorInfo info : contents.tensors()) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(info.byteSize().orElseThrow()));
        long at = contents.data().fileOffset(info);
        while (bytes.hasRemaining()) {
          if (in.read(bytes, at + bytes.position()) < 0) {
            throw new IOException(file + " ends inside " + info.name());
          }
        }
        tensors.put(
            info.name(), new Stored(info.type().orElseThrow().name(), info.shape(), bytes.array()));
      }
    }
    return tensors;
  }
}
