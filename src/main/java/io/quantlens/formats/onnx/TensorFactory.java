package io.quantlens.formats.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.quantlens.formats.mapped.BufferRegion;
import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.formats.mapped.FloatReaders;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorReader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Turns {@code TensorProto}s into {@link Tensor}s: checks the shape and the stored size, finds the
 * bytes (aliased {@code raw_data}, an external file, or typed fields) and picks a reader.
 */
final class TensorFactory {
  private final Path modelFile;
  private final ExternalDataResolver externalData;

  TensorFactory(Path modelFile, ExternalDataResolver externalData) {
    this.modelFile = modelFile;
    this.externalData = externalData;
  }

  /**
   * Creates the tensor.
   *
   * @param dq for integer tensors, how to dequantize them (null: read the integers as they are)
   */
  Tensor create(TensorProto proto, Dequantization dq) throws ModelFormatException {
    String name = proto.getName();
    int dataType = proto.getDataType();
    long[] shape = shape(proto, name);
    long elements = elementCount(shape, name);
    long expectedBytes;
    try {
      expectedBytes = OnnxDataType.storedBytes(dataType, elements);
    } catch (ArithmeticException e) {
      throw problem("tensor '" + name + "' of shape " + Arrays.toString(shape) + " is too large");
    }
    ByteRegion region = region(proto, name, dataType, shape, elements, expectedBytes);
    TensorReader reader = reader(region, name, dataType, elements, dq);
    return new Tensor(name, OnnxDataType.toDType(dataType), shape, reader);
  }

  /** The stored bytes of a fixed-width tensor, checked against its shape; null for typed fields. */
  ByteRegion bytes(TensorProto proto) throws ModelFormatException {
    long[] shape = shape(proto, proto.getName());
    long elements = elementCount(shape, proto.getName());
    long expected = OnnxDataType.storedBytes(proto.getDataType(), elements);
    return region(proto, proto.getName(), proto.getDataType(), shape, elements, expected);
  }

  /** Shape of the tensor, checked: no negative dimensions, element count fits a long. */
  long[] shape(TensorProto proto, String name) throws ModelFormatException {
    long[] shape = new long[proto.getDimsCount()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = proto.getDims(i);
      if (shape[i] < 0) {
        throw problem(
            "tensor '" + name + "' has a negative dimension " + shape[i] + " at axis " + i);
      }
    }
    return shape;
  }

  private long elementCount(long[] shape, String name) throws ModelFormatException {
    long n = 1;
    try {
      for (long d : shape) {
        n = Math.multiplyExact(n, d);
      }
    } catch (ArithmeticException e) {
      throw problem(
          "tensor '"
              + name
              + "' has shape "
              + Arrays.toString(shape)
              + " whose element count overflows a long");
    }
    return n;
  }

  private ByteRegion region(
      TensorProto proto, String name, int dataType, long[] shape, long elements, long expected)
      throws ModelFormatException {
    if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      if (proto.hasRawData()) {
        throw problem("tensor '" + name + "' is marked external but also has raw_data");
      }
      return externalData.resolve(proto, name, expected);
    }
    if (proto.hasRawData()) {
      long actual = proto.getRawData().size();
      if (expected >= 0 && actual != expected) {
        throw problem(
            "tensor '"
                + name
                + "' raw_data holds "
                + actual
                + " bytes but shape "
                + Arrays.toString(shape)
                + " of "
                + OnnxDataType.name(dataType)
                + " needs "
                + expected);
      }
      return new BufferRegion(proto.getRawData().asReadOnlyByteBuffer());
    }
    if (!OnnxDataType.isFloat(dataType) && !OnnxDataType.isReadableInteger(dataType)) {
      return null; // typed fields of types without a reader (INT64, STRING...) stay unread
    }
    return TypedFields.pack(proto, dataType, elements, this::problem);
  }

  private TensorReader reader(
      ByteRegion region, String name, int dataType, long elements, Dequantization dq) {
    if (region == null) {
      return unsupported(name, dataType);
    }
    return switch (dataType) {
      case OnnxDataType.FLOAT -> FloatReaders.float32(region, elements);
      case OnnxDataType.DOUBLE -> FloatReaders.float64(region, elements);
      case OnnxDataType.FLOAT16 -> FloatReaders.float16(region, elements);
      case OnnxDataType.BFLOAT16 -> FloatReaders.bfloat16(region, elements);
      case OnnxDataType.INT8,
          OnnxDataType.UINT8,
          OnnxDataType.INT4,
          OnnxDataType.UINT4,
          OnnxDataType.INT32 ->
          new IntegerReader(
              region, elements, dataType, dq == null ? Dequantization.identity() : dq);
      default -> unsupported(name, dataType);
    };
  }

  private static TensorReader unsupported(String name, int dataType) {
    return (start, dst, offset, count) -> {
      throw new UnsupportedOperationException(
          "tensor '" + name + "' of type " + OnnxDataType.name(dataType) + " cannot be read");
    };
  }

  ModelFormatException problem(String message) {
    return new ModelFormatException(modelFile, message);
  }
}
