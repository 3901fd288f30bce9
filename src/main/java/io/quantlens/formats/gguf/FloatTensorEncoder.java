package io.quantlens.formats.gguf;

import io.quantlens.model.TensorReader;
import io.quantlens.quant.GgmlFormat;
import io.quantlens.quant.HalfFloats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns float values into a tensor's stored bytes, a chunk of whole blocks at a time. A row's
 * length is a multiple of the block length, so walking the flat values block by block quantizes
 * each row block by block, as llama.cpp's {@code quantize_row_*} does.
 */
final class FloatTensorEncoder {
  /** Values per chunk: a multiple of every block length (32, 64, 128, 256). */
  private static final int CHUNK = 1 << 16;

  private FloatTensorEncoder() {}

  static GgufWriter.TensorBytes of(GgmlType type, long elements, TensorReader values) {
    if (type.blockFormat().isPresent()) {
      GgmlFormat format = type.blockFormat().get();
      return out -> {
        float[] x = new float[CHUNK];
        byte[] blocks = new byte[CHUNK / format.blockElements() * format.blockBytes()];
        for (long start = 0; start < elements; start += CHUNK) {
          int n = (int) Math.min(CHUNK, elements - start);
          values.read(start, x, 0, n);
          int count = n / format.blockElements();
          for (int b = 0; b < count; b++) {
            format.quantizeBlock(x, b * format.blockElements(), blocks, b * format.blockBytes());
          }
          ByteBuffer bytes = ByteBuffer.wrap(blocks, 0, count * format.blockBytes());
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
        }
      };
    }
    int elementBytes = type.blockBytes();
    if (type.blockElements() != 1
        || !(type == GgmlType.F32
            || type == GgmlType.F64
            || type == GgmlType.F16
            || type == GgmlType.BF16)) {
      throw new IllegalArgumentException(
          type.name() + " tensors cannot be written from floats; supply their bytes");
    }
    return out -> {
      float[] x = new float[CHUNK];
      ByteBuffer bytes = ByteBuffer.allocate(CHUNK * elementBytes).order(ByteOrder.LITTLE_ENDIAN);
      for (long start = 0; start < elements; start += CHUNK) {
        int n = (int) Math.min(CHUNK, elements - start);
        values.read(start, x, 0, n);
        bytes.clear();
        for (int i = 0; i < n; i++) {
          switch (type) {
            case F32 -> bytes.putFloat(x[i]);
            case F64 -> bytes.putDouble(x[i]);
            case F16 -> bytes.putShort(HalfFloats.toFp16(x[i]));
            default -> bytes.putShort(HalfFloats.toBf16(x[i]));
          }
        }
        bytes.flip();
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      }
    };
  }
}
