package io.quantlens.formats.gguf;

import io.quantlens.formats.mapped.Bounds;
import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.model.TensorReader;
import io.quantlens.quant.GgmlFormat;
import java.nio.ByteBuffer;

/**
 * Streams a tensor stored in a ggml block type by decoding the blocks that cover the requested
 * elements. Whole blocks are decoded straight into the caller's array; a block cut by the start or
 * end of the request goes through a scratch buffer owned by that call, so one reader may serve
 * several threads.
 */
final class BlockTensorReader implements TensorReader {
  /** Decodes one block, as {@link GgmlFormat#dequantizeBlock} does. */
  @FunctionalInterface
  interface BlockDecoder {
    void decode(ByteBuffer src, int at, float[] y, int off);
  }

  private final BlockDecoder decoder;
  private final int blockElements;
  private final int blockBytes;
  private final ByteRegion region;
  private final long elements;

  BlockTensorReader(GgmlFormat format, ByteRegion region, long elements) {
    this(format::dequantizeBlock, format.blockElements(), format.blockBytes(), region, elements);
  }

  BlockTensorReader(
      BlockDecoder decoder, int blockElements, int blockBytes, ByteRegion region, long elements) {
    this.decoder = decoder;
    this.blockElements = blockElements;
    this.blockBytes = blockBytes;
    this.region = region;
    this.elements = elements;
  }

  @Override
  public void read(long start, float[] dst, int dstOffset, int count) {
    Bounds.check(elements, start, dst, dstOffset, count);
    float[] scratch = null;
    long block = start / blockElements;
    int skip = (int) (start % blockElements);
    int done = 0;
    while (done < count) {
      // A view holds at least ByteRegion.MAX_ELEMENT_BYTES, so at least one whole block.
      ByteBuffer view = region.view(block * blockBytes);
      int at = view.position();
      if (view.limit() - at < blockBytes) {
        throw new IllegalStateException("block " + block + " is cut short by its region");
      }
      while (done < count && view.limit() - at >= blockBytes) {
        int take = Math.min(blockElements - skip, count - done);
        if (take == blockElements) {
          decoder.decode(view, at, dst, dstOffset + done);
        } else {
          if (scratch == null) {
            scratch = new float[blockElements];
          }
          decoder.decode(view, at, scratch, 0);
          System.arraycopy(scratch, skip, dst, dstOffset + done, take);
        }
        done += take;
        skip = 0;
        block++;
        at += blockBytes;
      }
    }
  }
}
