package io.quantlens.formats.mapped;

import java.nio.ByteBuffer;

/**
 * The stored bytes of one tensor, which may lie in one buffer or span several mapped chunks of a
 * large external file. Implementations are immutable and safe to use from several threads: every
 * call returns a fresh view with its own position.
 */
public interface ByteRegion {
  /**
   * Largest element or quantized block any reader asks for; a view offers at least this many bytes.
   */
  int MAX_ELEMENT_BYTES = 512;

  /** Length of the region in bytes. */
  long length();

  /**
   * Returns a little-endian view whose position is the region's byte {@code offset} and whose limit
   * is the end of the region or an earlier point where the bytes continue in another chunk. Unless
   * the region ends sooner, at least {@link #MAX_ELEMENT_BYTES} bytes remain.
   */
  ByteBuffer view(long offset);
}
