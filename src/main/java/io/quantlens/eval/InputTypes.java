package io.quantlens.eval;

import io.quantlens.formats.npy.NpyArray;
import io.quantlens.formats.npy.NpyType;
import io.quantlens.model.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Maps ONNX element types to what the data files hold. */
final class InputTypes {
  private InputTypes() {}

  /** The NumPy type for an ONNX element type name, or {@code null} when none fits. */
  static NpyType npyType(String onnxElementType) {
    return switch (onnxElementType) {
      case "FLOAT" -> NpyType.FLOAT32;
      case "DOUBLE" -> NpyType.FLOAT64;
      case "FLOAT16" -> NpyType.FLOAT16;
      case "INT64" -> NpyType.INT64;
      case "INT32" -> NpyType.INT32;
      case "INT16" -> NpyType.INT16;
      case "INT8" -> NpyType.INT8;
      case "UINT8" -> NpyType.UINT8;
      case "BOOL" -> NpyType.BOOL;
      default -> null;
    };
  }

  /** An integer array's values as longs. */
  static long[] integers(Path file, NpyArray array) throws ModelFormatException {
    ByteBuffer data = array.data();
    long[] values = new long[Math.toIntExact(array.elementCount())];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (array.type()) {
            case INT64 -> data.getLong();
            case INT32 -> data.getInt();
            case INT16 -> data.getShort();
            case INT8 -> data.get();
            case UINT8 -> data.get() & 0xff;
            default ->
                throw new ModelFormatException(
                    file, "labels must be integers, got " + array.type().descriptor());
          };
    }
    return values;
  }
}
