package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Reads the small tensors that describe weights (scales, zero points, shapes) into the heap. */
final class SmallTensors {
  /** Parameter tensors larger than this are refused rather than read. */
  static final long MAX_ELEMENTS = 1L << 26;

  private SmallTensors() {}

  /** Every value of {@code tensor} as float32. */
  static float[] floats(Path file, Tensor tensor) throws ModelFormatException {
    long n = tensor.elementCount();
    if (n > MAX_ELEMENTS) {
      throw new ModelFormatException(
          file, "parameter tensor '" + tensor.name() + "' is too large (" + n + " values)");
    }
    float[] values = new float[(int) n];
    tensor.reader().read(0, values, 0, values.length);
    return values;
  }

  /**
   * The values of an INT64 or INT32 tensor stored in the model file (not external data), or null
   * when it holds another type or is too large to be a shape or axis list.
   */
  static long[] longs(TensorProto proto) {
    int type = proto.getDataType();
    if ((type != OnnxDataType.INT64 && type != OnnxDataType.INT32)
        || proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      return null;
    }
    long n = 1;
    for (long d : proto.getDimsList()) {
      n *= d;
      if (d < 0 || n > 64) {
        return null;
      }
    }
    long[] values = new long[(int) n];
    if (proto.hasRawData()) {
      ByteBuffer raw = proto.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      int width = type == OnnxDataType.INT64 ? 8 : 4;
      if (raw.remaining() != n * width) {
        return null;
      }
      for (int i = 0; i < n; i++) {
        values[i] = width == 8 ? raw.getLong() : raw.getInt();
      }
      return values;
    }
    int stored = type == OnnxDataType.INT64 ? proto.getInt64DataCount() : proto.getInt32DataCount();
    if (stored != n) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      values[i] = type == OnnxDataType.INT64 ? proto.getInt64Data(i) : proto.getInt32Data(i);
    }
    return values;
  }
}
