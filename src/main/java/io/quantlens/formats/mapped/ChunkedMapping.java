package io.quantlens.formats.mapped;

import io.quantlens.formats.RegularFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only memory mapping of a whole file of any size, made of chunks of at most {@code
 * chunkSize} bytes. Chunk {@code i} starts at {@code i * chunkSize} and maps {@link #OVERLAP} bytes
 * more than its share, so an element that straddles a chunk boundary can always be read from the
 * chunk where it starts.
 */
public final class ChunkedMapping {
  /** Default chunk size: 1 GiB. */
  public static final long DEFAULT_CHUNK_SIZE = 1L << 30;

  /**
   * Extra bytes each chunk maps beyond its share; at least {@link ByteRegion#MAX_ELEMENT_BYTES}.
   */
  public static final int OVERLAP = ByteRegion.MAX_ELEMENT_BYTES;

  private final long size;
  private final long chunkSize;
  private final MappedByteBuffer[] chunks;

  private ChunkedMapping(long size, long chunkSize, MappedByteBuffer[] chunks) {
    this.size = size;
    this.chunkSize = chunkSize;
    this.chunks = chunks;
  }

  public static ChunkedMapping map(Path file) throws IOException {
    return map(file, DEFAULT_CHUNK_SIZE);
  }

  public static ChunkedMapping map(Path file, long chunkSize) throws IOException {
    if (chunkSize <= 0 || chunkSize > Integer.MAX_VALUE - OVERLAP) {
      throw new IllegalArgumentException("chunk size " + chunkSize);
    }
    String problem = RegularFiles.problem(file);
    if (problem != null) {
      throw new java.nio.file.FileSystemException(file.toString(), null, problem);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      int count = (int) ((size + chunkSize - 1) / chunkSize);
      MappedByteBuffer[] chunks = new MappedByteBuffer[count];
      for (int i = 0; i < count; i++) {
        long start = i * chunkSize;
        long length = Math.min(size - start, chunkSize + OVERLAP);
        chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
      }
      return new ChunkedMapping(size, chunkSize, chunks);
    }
  }

  public long size() {
    return size;
  }

  /** The bytes {@code [offset, offset + length)} of the file; the caller has checked the bounds. */
  public ByteRegion region(long offset, long length) {
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException(
          "region " + offset + "+" + length + " outside " + size + " bytes");
    }
    return new Region(offset, length);
  }

  private ByteBuffer view(long from, long end) {
    int index = (int) (from / chunkSize);
    long chunkStart = index * chunkSize;
    ByteBuffer view = chunks[index].duplicate().order(ByteOrder.LITTLE_ENDIAN);
    view.limit((int) Math.min(view.capacity(), end - chunkStart))
        .position((int) (from - chunkStart));
    return view;
  }

  private final class Region implements ByteRegion {
    private final long start;
    private final long length;

    Region(long start, long length) {
      this.start = start;
      this.length = length;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public ByteBuffer view(long offset) {
      if (offset < 0 || offset > length) {
        throw new IndexOutOfBoundsException("offset " + offset + " outside " + length + " bytes");
      }
      if (offset == length) {
        return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
      }
      return ChunkedMapping.this.view(start + offset, start + length);
    }
  }
}
