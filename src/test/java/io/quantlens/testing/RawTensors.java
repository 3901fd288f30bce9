package io.quantlens.testing;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An ONNX initializer's values read straight from its protobuf, without QuantLens's readers: the
 * independent side of tests that check what the readers make of a real file.
 */
public final class RawTensors {
  private RawTensors() {}

  /** INT8 or UINT8 codes, from raw data or int32_data. */
  public static int[] codes(TensorProto t) {
    boolean unsigned = t.getDataType() == TensorProto.DataType.UINT8_VALUE;
    byte[] raw = t.getRawData().toByteArray();
    int n = raw.length > 0 ? raw.length : t.getInt32DataCount();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int v = raw.length > 0 ? raw[i] : t.getInt32Data(i);
      out[i] = unsigned ? v & 0xff : (byte) v;
    }
    return out;
  }

  /** FLOAT values, from raw data or float_data. */
  public static float[] floats(TensorProto t) {
    if (t.getRawData().isEmpty()) {
      float[] out = new float[t.getFloatDataCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = t.getFloatData(i);
      }
      return out;
    }
    ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }
}
