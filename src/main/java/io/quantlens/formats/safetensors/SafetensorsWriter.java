package io.quantlens.formats.safetensors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantlens.files.AtomicWrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes safetensors files (docs/file-formats.md#safetensors-writer): the header JSON padded with
 * spaces to a multiple of 8 bytes, as the reference writer pads it, then the tensors' bytes back to
 * back, in the order given. Bytes stream from each tensor's {@link ByteSource} through a small
 * buffer, so files of any size can be written; a file appears under its name only once it is
 * complete.
 */
public final class SafetensorsWriter {
  /** The index file name of a sharded model. */
  public static final String INDEX_FILE_NAME = "model.safetensors.index.json";

  private static final int CHUNK_BYTES = 1 << 20;

  private SafetensorsWriter() {}

  /**
   * Writes one safetensors file.
   *
   * @param metadata {@code __metadata__} entries (omitted from the header when empty)
   * @throws IllegalArgumentException when two tensors share a name
   */
  public static void write(Path file, List<TensorSpec> tensors, Map<String, String> metadata)
      throws IOException {
    byte[] header = header(tensors, metadata);
    AtomicWrite.write(
        file,
        channel -> {
          ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
          length.putLong(0, header.length);
          writeFully(channel, length);
          writeFully(channel, ByteBuffer.wrap(header));
          ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
          for (TensorSpec t : tensors) {
            copy(t, channel, buffer);
          }
        });
  }

  /**
   * Writes a sharded model into {@code folder}: shard {@code i} of {@code n} as {@code
   * model-0000i-of-0000n.safetensors} holding {@code shards.get(i - 1)}, and {@link
   * #INDEX_FILE_NAME} with the {@code weight_map} and {@code metadata.total_size} (plus {@code
   * metadata}'s entries, which also go into every shard's {@code __metadata__}).
   *
   * @return the index file, which {@link SafetensorsReader} opens
   */
  public static Path writeSharded(
      Path folder, List<List<TensorSpec>> shards, Map<String, String> metadata) throws IOException {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("a sharded model needs at least one shard");
    }
    Map<String, String> weightMap = new LinkedHashMap<>();
    long totalSize = 0;
    for (int i = 0; i < shards.size(); i++) {
      String shardName = shardName(i + 1, shards.size());
      for (TensorSpec t : shards.get(i)) {
        String earlier = weightMap.put(t.name(), shardName);
        if (earlier != null) {
          throw new IllegalArgumentException(
              "tensor '" + t.name() + "' is in both " + earlier + " and " + shardName);
        }
        totalSize = Math.addExact(totalSize, t.byteLength());
      }
    }
    for (int i = 0; i < shards.size(); i++) {
      write(folder.resolve(shardName(i + 1, shards.size())), shards.get(i), metadata);
    }
    ObjectNode index = SafetensorsJson.MAPPER.createObjectNode();
    ObjectNode indexMetadata = index.putObject("metadata");
    indexMetadata.put("total_size", totalSize);
    metadata.forEach(indexMetadata::put);
    ObjectNode map = index.putObject("weight_map");
    weightMap.forEach(map::put);
    byte[] json = SafetensorsJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(index);
    Path indexFile = folder.resolve(INDEX_FILE_NAME);
    AtomicWrite.write(indexFile, channel -> writeFully(channel, ByteBuffer.wrap(json)));
    return indexFile;
  }

  /** The conventional name of shard {@code number} (1-based) of {@code count}. */
  public static String shardName(int number, int count) {
    return String.format("model-%05d-of-%05d.safetensors", number, count);
  }

  /** The header JSON, space-padded to a multiple of 8 bytes. */
  static byte[] header(List<TensorSpec> tensors, Map<String, String> metadata) throws IOException {
    ObjectNode root = SafetensorsJson.MAPPER.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject(HeaderParser.METADATA_KEY);
      metadata.forEach(meta::put);
    }
    Set<String> names = new HashSet<>();
    long offset = 0;
    for (TensorSpec t : tensors) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("two tensors are named '" + t.name() + "'");
      }
      long end = Math.addExact(offset, t.byteLength());
      ObjectNode info = root.putObject(t.name());
      info.put("dtype", t.dtype());
      Arrays.stream(t.shape()).forEach(info.putArray("shape")::add);
      info.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] json = SafetensorsJson.MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] header = Arrays.copyOf(json, padded);
    Arrays.fill(header, json.length, padded, (byte) ' ');
    return header;
  }

  private static void copy(TensorSpec t, FileChannel channel, ByteBuffer buffer)
      throws IOException {
    long length = t.byteLength();
    for (long done = 0; done < length; ) {
      int n = (int) Math.min(buffer.capacity(), length - done);
      buffer.clear().limit(n);
      t.source().fill(done, buffer);
      if (buffer.position() != n) {
        throw new IOException(
            "the source of tensor '"
                + t.name()
                + "' filled "
                + buffer.position()
                + " of "
                + n
                + " bytes at offset "
                + done);
      }
      buffer.flip();
      writeFully(channel, buffer);
      done += n;
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }
}
