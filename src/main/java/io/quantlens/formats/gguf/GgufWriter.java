package io.quantlens.formats.gguf;

import io.quantlens.files.AtomicWrite;
import io.quantlens.model.TensorReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes GGUF version 3 files (docs/file-formats.md#gguf-writer): metadata of every value type and
 * tensors of any {@link GgmlType}, at the sequential, aligned offsets gguf.cpp requires. Tensor
 * bytes are pulled from callbacks while the file is written, so a file of many gigabytes never sits
 * in memory. The file is written next to the target under a temporary name and moved into place
 * when complete.
 *
 * <pre>{@code
 * new GgufWriter()
 *     .put("general.architecture", GgufValue.string("llama"))
 *     .alignment(64)
 *     .tensorFromFloats("blk.0.attn_q.weight", GgmlType.Q8_0, new long[] {4096, 4096}, reader)
 *     .write(path);
 * }</pre>
 */
public final class GgufWriter {
  /** Streams a tensor's stored bytes (blocks included) into {@code out}, exactly as many as due. */
  @FunctionalInterface
  public interface TensorBytes {
    void writeTo(WritableByteChannel out) throws IOException;
  }

  private static final int DEFAULT_ALIGNMENT = 32;

  private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
  private final List<PendingTensor> tensors = new ArrayList<>();
  private final Set<String> tensorNames = new HashSet<>();

  /** Adds a metadata entry; arrays must hold all their elements. */
  public GgufWriter put(String key, GgufValue value) {
    requireComplete(value, key);
    if (key.equals("general.alignment")) {
      checkAlignment(value);
    }
    if (metadata.putIfAbsent(key, value) != null) {
      throw new IllegalArgumentException("metadata key '" + key + "' is already set");
    }
    return this;
  }

  /** Sets {@code general.alignment} (a power of two); without it the alignment is 32. */
  public GgufWriter alignment(int bytes) {
    return put("general.alignment", GgufValue.uint32(bytes));
  }

  /**
   * Adds a tensor whose stored bytes come from {@code bytes}: raw little-endian values, or for
   * block types the blocks themselves (the writer does not quantize).
   *
   * @param shape dimensions, outermost first (written innermost first, as GGUF stores them)
   */
  public GgufWriter tensor(String name, GgmlType type, long[] shape, TensorBytes bytes) {
    long elements = checkTensor(name, type, shape);
    tensors.add(new PendingTensor(name, type, shape.clone(), type.bytesFor(elements), bytes));
    return this;
  }

  /**
   * Adds a tensor whose values come from {@code values}, converted by the writer: F32, F64, F16 and
   * BF16 are rounded to nearest even; decodable block types are quantized block by block along each
   * row with {@link io.quantlens.quant.GgmlFormat#quantizeBlock}.
   */
  public GgufWriter tensorFromFloats(
      String name, GgmlType type, long[] shape, TensorReader values) {
    long elements = checkTensor(name, type, shape);
    TensorBytes bytes = FloatTensorEncoder.of(type, elements, values);
    tensors.add(new PendingTensor(name, type, shape.clone(), type.bytesFor(elements), bytes));
    return this;
  }

  /** Writes the file, replacing {@code target} only once the whole file has been written. */
  public void write(Path target) throws IOException {
    AtomicWrite.write(target, this::writeTo);
  }

  private void writeTo(FileChannel channel) throws IOException {
    int alignment = alignmentOf(metadata.get("general.alignment"));
    ChannelOutput out = new ChannelOutput(channel);
    out.u32(0x46554747L);
    out.u32(3);
    out.u64(tensors.size());
    out.u64(metadata.size());
    for (var entry : metadata.entrySet()) {
      out.string(entry.getKey());
      out.u32(entry.getValue().type().id());
      MetadataWriter.value(out, entry.getValue());
    }
    long offset = 0;
    for (PendingTensor t : tensors) {
      out.string(t.name);
      out.u32(t.shape.length);
      for (int d = t.shape.length - 1; d >= 0; d--) {
        out.u64(t.shape[d]);
      }
      out.u32(t.type.id());
      out.u64(offset);
      offset = DataSection.align(offset + t.byteSize, alignment);
    }
    out.padTo(alignment);
    out.flush();
    for (PendingTensor t : tensors) {
      LimitedChannel limited = new LimitedChannel(channel, t.name, t.byteSize);
      t.bytes.writeTo(limited);
      limited.requireFull();
      ChannelOutput padding = new ChannelOutput(channel);
      for (long i = t.byteSize; i % alignment != 0; i++) {
        padding.u8(0);
      }
      padding.flush();
    }
  }

  private long checkTensor(String name, GgmlType type, long[] shape) {
    if (name.getBytes(StandardCharsets.UTF_8).length >= TensorInfoReader.MAX_NAME_BYTES) {
      throw new IllegalArgumentException("tensor name '" + name + "' is 64 bytes or longer");
    }
    if (shape.length > TensorInfoReader.MAX_DIMS) {
      throw new IllegalArgumentException("tensor '" + name + "' has more than 4 dimensions");
    }
    long elements = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension");
      }
      elements = Math.multiplyExact(elements, d);
    }
    long rowLength = shape.length == 0 ? 1 : shape[shape.length - 1];
    if (rowLength % type.blockElements() != 0) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': row length "
              + rowLength
              + " is not a multiple of "
              + type.blockElements()
              + " ("
              + type.name()
              + " blocks)");
    }
    if (!tensorNames.add(name)) {
      throw new IllegalArgumentException("tensor '" + name + "' is already added");
    }
    return elements;
  }

  private static void requireComplete(GgufValue value, String key) {
    if (value instanceof GgufValue.Text text
        && text.value().getBytes(StandardCharsets.UTF_8).length != text.byteLength()) {
      throw new IllegalArgumentException("metadata '" + key + "': string is only a prefix");
    }
    if (value instanceof GgufValue.Array array) {
      if (!array.isComplete()) {
        throw new IllegalArgumentException("metadata '" + key + "': array is only a summary");
      }
      array.elements().forEach(e -> requireComplete(e, key));
    }
  }

  private static void checkAlignment(GgufValue value) {
    alignmentOf(value);
  }

  private static int alignmentOf(GgufValue value) {
    if (value == null) {
      return DEFAULT_ALIGNMENT;
    }
    if (value instanceof GgufValue.Int i
        && i.type() == GgufValueType.UINT32
        && Long.bitCount(i.value()) == 1
        && i.value() <= (1 << 30)) {
      return (int) i.value();
    }
    throw new IllegalArgumentException(
        "general.alignment must be a uint32 power of two, not " + value.text());
  }

  private record PendingTensor(
      String name, GgmlType type, long[] shape, long byteSize, TensorBytes bytes) {}

  /** Passes a tensor's bytes to the file and refuses more than the tensor's size. */
  private static final class LimitedChannel implements WritableByteChannel {
    private final WritableByteChannel target;
    private final String name;
    private final long size;
    private long written;

    LimitedChannel(WritableByteChannel target, String name, long size) {
      this.target = target;
      this.name = name;
      this.size = size;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (src.remaining() > size - written) {
        throw new IOException(
            "tensor '" + name + "': more than its " + size + " bytes were written");
      }
      int n = 0;
      while (src.hasRemaining()) {
        n += target.write(src);
      }
      written += n;
      return n;
    }

    void requireFull() throws IOException {
      if (written != size) {
        throw new IOException(
            "tensor '" + name + "': " + written + " of its " + size + " bytes were written");
      }
    }

    @Override
    public boolean isOpen() {
      return target.isOpen();
    }

    @Override
    public void close() {
      // The writer owns the file channel.
    }
  }
}
