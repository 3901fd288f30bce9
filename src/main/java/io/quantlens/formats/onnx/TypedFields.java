package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.formats.mapped.BufferRegion;
import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.model.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;

/**
 * Packs a tensor's typed fields ({@code float_data}, {@code double_data}, {@code int32_data}) into
 * a little-endian buffer laid out like {@code raw_data}, so one set of readers serves every
 * storage. The parsed protobuf is dropped after reading, so this stays the only copy.
 */
final class TypedFields {
  private TypedFields() {}

  static ByteRegion pack(
      TensorProto proto,
      int dataType,
      long elements,
      Function<String, ModelFormatException> problem)
      throws ModelFormatException {
    String name = proto.getName();
    boolean packed4 = dataType == OnnxDataType.INT4 || dataType == OnnxDataType.UINT4;
    String field;
    int count;
    long needed = packed4 ? (elements + 1) / 2 : elements;
    switch (dataType) {
      case OnnxDataType.FLOAT -> {
        field = "float_data";
        count = proto.getFloatDataCount();
      }
      case OnnxDataType.DOUBLE -> {
        field = "double_data";
        count = proto.getDoubleDataCount();
      }
      default -> {
        field = "int32_data";
        count = proto.getInt32DataCount();
      }
    }
    if (count != needed) {
      if (count == 0) {
        throw problem.apply("tensor '" + name + "' has no data (" + elements + " elements)");
      }
      throw problem.apply(
          "tensor '" + name + "' holds " + count + " values in " + field + " but needs " + needed);
    }
    int bytes = (int) OnnxDataType.storedBytes(dataType, elements);
    ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      switch (dataType) {
        case OnnxDataType.FLOAT -> buffer.putFloat(proto.getFloatData(i));
        case OnnxDataType.DOUBLE -> buffer.putDouble(proto.getDoubleData(i));
        case OnnxDataType.FLOAT16, OnnxDataType.BFLOAT16 ->
            buffer.putShort((short) proto.getInt32Data(i));
        case OnnxDataType.INT32 -> buffer.putInt(proto.getInt32Data(i));
        default -> buffer.put((byte) proto.getInt32Data(i)); // INT8, UINT8, packed INT4/UINT4
      }
    }
    buffer.flip();
    return new BufferRegion(buffer);
  }
}
