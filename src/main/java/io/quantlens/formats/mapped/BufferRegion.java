package io.quantlens.formats.mapped;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A region held in a single buffer: aliased {@code raw_data}, or typed fields packed on the heap.
 */
public final class BufferRegion implements ByteRegion {
  private final ByteBuffer buffer;
  private final int start;
  private final int length;

  /** Wraps the bytes between the buffer's position and limit (the buffer is not modified). */
  public BufferRegion(ByteBuffer buffer) {
    this.buffer = buffer.asReadOnlyBuffer();
    this.start = buffer.position();
    this.length = buffer.remaining();
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
    ByteBuffer view = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    view.limit(start + length).position(start + (int) offset);
    return view;
  }
}
