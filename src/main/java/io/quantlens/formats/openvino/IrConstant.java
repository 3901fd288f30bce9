package io.quantlens.formats.openvino;

import io.quantlens.formats.mapped.ByteRegion;
import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.formats.mapped.FloatReaders;
import io.quantlens.model.DType;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import io.quantlens.model.TensorReader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A {@code Const} layer: its element type and shape, and its bytes in the {@code .bin} file
 * (docs/file-formats.md#openvino-ir-constants).
 *
 * @param layer the layer
 * @param type its {@code element_type}
 * @param shape its {@code shape}, outermost first
 * @param elements the product of the shape
 * @param region its {@code size} bytes at {@code offset} in the .bin file
 */
record IrConstant(
    IrNet.Layer layer, IrElementType type, long[] shape, long elements, ByteRegion region) {
  IrConstant {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  static boolean isConstant(IrNet.Layer layer) {
    return layer.type().equals("Const") || layer.type().equals("Constant");
  }

  /**
   * Checks the layer's {@code <data>} against the .bin file.
   *
   * @param xml the IR file, for messages
   * @param bin the weights file, named in messages
   * @param mapping the weights file mapped, or null when there is none
   * @throws ModelFormatException when an attribute is missing or malformed, the element type is
   *     unknown, the shape overflows, {@code size} differs from what the shape and type need, or
   *     the bytes lie past the end of the .bin file
   */
  static IrConstant of(Path xml, Path bin, ChunkedMapping mapping, IrNet.Layer layer)
      throws ModelFormatException {
    String typeName = attribute(xml, layer, "element_type");
    IrElementType type = IrElementType.of(typeName);
    if (type == null) {
      throw new ModelFormatException(
          xml,
          "Const layer "
              + layer.label()
              + " has unknown element_type '"
              + IrXml.shorten(typeName)
              + "'");
    }
    long[] shape = shape(xml, layer, attribute(xml, layer, "shape"));
    long elements;
    long needed;
    try {
      elements = 1;
      for (long d : shape) {
        elements = Math.multiplyExact(elements, d);
      }
      needed = type.bytes(elements);
    } catch (ArithmeticException e) {
      throw new ModelFormatException(
          xml,
          "Const layer "
              + layer.label()
              + " has shape "
              + Arrays.toString(shape)
              + ", whose size overflows 64 bits");
    }
    long offset = whole(xml, layer, "offset");
    long size = whole(xml, layer, "size");
    if (size != needed) {
      throw new ModelFormatException(
          xml,
          "Const layer "
              + layer.label()
              + " has size "
              + size
              + " bytes, but shape "
              + Arrays.toString(shape)
              + " of "
              + type.irName()
              + " needs "
              + needed);
    }
    long length = mapping == null ? 0 : mapping.size();
    if (offset > length - size) {
      throw new ModelFormatException(
          xml,
          "Const layer "
              + layer.label()
              + " has bytes "
              + offset
              + " … "
              + offset
              + " + "
              + size
              + ", past the end of "
              + bin.getFileName()
              + " ("
              + (mapping == null ? "missing" : length + " bytes")
              + ")");
    }
    ByteRegion region = mapping == null ? emptyRegion() : mapping.region(offset, size);
    return new IrConstant(layer, type, shape, elements, region);
  }

  /** The values as stored, converted to float32 (4-bit codes as in {@link NibbleReader}). */
  TensorReader reader() {
    return switch (type) {
      case F64 -> FloatReaders.float64(region, elements);
      case F32 -> FloatReaders.float32(region, elements);
      case F16 -> FloatReaders.float16(region, elements);
      case BF16 -> FloatReaders.bfloat16(region, elements);
      case F8E4M3 -> FloatReaders.float8E4m3fn(region, elements);
      case F8E5M2 -> FloatReaders.float8E5m2(region, elements);
      case F8E8M0 -> e8m0(region, elements);
      case I64 -> FloatReaders.int64(region, elements);
      case I32 -> FloatReaders.int32(region, elements);
      case I8 -> FloatReaders.int8(region, elements);
      case U8 -> FloatReaders.uint8(region, elements);
      case I4, U4, NF4, F4E2M1 -> new NibbleReader(region, elements, type);
      default ->
          (start, dst, offset, count) -> {
            throw new UnsupportedOperationException(
                "element type " + type.irName() + " is not decoded");
          };
    };
  }

  /**
   * f8e8m0 codes as OpenVINO converts them to float (float8_e8m0.cpp): code c is the float whose
   * exponent field is c, 2^(c − 127); code 0 is 2^−127 and code 255 NaN.
   */
  private static TensorReader e8m0(ByteRegion region, long elements) {
    TensorReader codes = FloatReaders.uint8(region, elements);
    return (start, dst, offset, count) -> {
      codes.read(start, dst, offset, count);
      for (int i = offset; i < offset + count; i++) {
        int c = (int) dst[i];
        dst[i] =
            c == 255 ? Float.NaN : c == 0 ? Float.MIN_NORMAL / 2 : Float.intBitsToFloat(c << 23);
      }
    };
  }

  /** The constant as a stored tensor, named after its layer. */
  Tensor tensor() {
    DType dtype = type.dtype();
    return new Tensor(layer.name(), dtype, shape, reader());
  }

  private static long[] shape(Path xml, IrNet.Layer layer, String text)
      throws ModelFormatException {
    String t = text.trim();
    if (t.isEmpty()) {
      return new long[0];
    }
    String[] parts = t.split(",", -1);
    if (parts.length > IrXml.MAX_DIMS) {
      throw new ModelFormatException(
          xml,
          "Const layer " + layer.label() + " has " + parts.length + " dimensions, more than 64");
    }
    long[] shape = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        shape[i] = Long.parseLong(parts[i].trim());
      } catch (NumberFormatException e) {
        shape[i] = -1;
      }
      if (shape[i] < 0) {
        throw new ModelFormatException(
            xml,
            "Const layer "
                + layer.label()
                + " has shape '"
                + IrXml.shorten(text)
                + "'; expected non-negative whole numbers separated by commas");
      }
    }
    return shape;
  }

  private static String attribute(Path xml, IrNet.Layer layer, String name)
      throws ModelFormatException {
    String value = layer.data().get(name);
    if (value == null) {
      throw new ModelFormatException(
          xml, "Const layer " + layer.label() + " has no '" + name + "' in its <data>");
    }
    return value;
  }

  private static long whole(Path xml, IrNet.Layer layer, String name) throws ModelFormatException {
    String text = attribute(xml, layer, name);
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 0) {
      throw new ModelFormatException(
          xml,
          "Const layer "
              + layer.label()
              + " has "
              + name
              + " '"
              + IrXml.shorten(text)
              + "'; expected a non-negative whole number");
    }
    return value;
  }

  private static ByteRegion emptyRegion() {
    return new ByteRegion() {
      @Override
      public long length() {
        return 0;
      }

      @Override
      public java.nio.ByteBuffer view(long offset) {
        return java.nio.ByteBuffer.allocate(0).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      }
    };
  }
}
