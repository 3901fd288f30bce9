package io.quantlens.formats.gguf;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One GGUF metadata value. Integers of every width are held in a {@code long} (unsigned 64-bit
 * values as their bit pattern), floats in a {@code double}.
 */
public sealed interface GgufValue {

  GgufValueType type();

  /** The value as the metadata table shows it. */
  String text();

  /** An integer of any of the eight integer types. */
  record Int(GgufValueType type, long value) implements GgufValue {
    public Int {
      long min =
          switch (type) {
            case UINT8, UINT16, UINT32 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case UINT64, INT64 -> Long.MIN_VALUE;
            default -> throw new IllegalArgumentException(type + " is not an integer type");
          };
      long max =
          switch (type) {
            case UINT8 -> 0xFFL;
            case INT8 -> Byte.MAX_VALUE;
            case UINT16 -> 0xFFFFL;
            case INT16 -> Short.MAX_VALUE;
            case UINT32 -> 0xFFFF_FFFFL;
            case INT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
          };
      if (value < min || value > max) {
        throw new IllegalArgumentException(value + " does not fit " + type.label());
      }
    }

    @Override
    public String text() {
      return type == GgufValueType.UINT64 ? Long.toUnsignedString(value) : Long.toString(value);
    }
  }

  /** A FLOAT32 or FLOAT64; a FLOAT32 holds a value exactly representable as a float. */
  record Real(GgufValueType type, double value) implements GgufValue {
    public Real {
      if (type != GgufValueType.FLOAT32 && type != GgufValueType.FLOAT64) {
        throw new IllegalArgumentException(type + " is not a float type");
      }
    }

    @Override
    public String text() {
      return type == GgufValueType.FLOAT32 ? Float.toString((float) value) : Double.toString(value);
    }
  }

  /**
   * A value copied byte for byte from another GGUF file, e.g. a 150,000-token vocabulary a reader
   * only summarised: {@code length} encoded bytes at {@code offset} of {@code file} (after the type
   * id), shown as {@code summary}.
   */
  record Stored(GgufValue summary, java.nio.file.Path file, long offset, long length)
      implements GgufValue {
    @Override
    public GgufValueType type() {
      return summary.type();
    }

    @Override
    public String text() {
      return summary.text();
    }
  }

  record Bool(boolean value) implements GgufValue {
    @Override
    public GgufValueType type() {
      return GgufValueType.BOOL;
    }

    @Override
    public String text() {
      return Boolean.toString(value);
    }
  }

  /**
   * A UTF-8 string. {@code byteLength} is the stored length; a reader may keep only the start of a
   * very long string, in which case {@code value} is shorter than the file's string.
   */
  record Text(String value, long byteLength) implements GgufValue {
    @Override
    public GgufValueType type() {
      return GgufValueType.STRING;
    }

    @Override
    public String text() {
      long kept = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      return kept < byteLength ? value + "… (" + byteLength + " bytes)" : value;
    }
  }

  /**
   * An array of {@code count} values of one type. A writer needs every element; a reader keeps only
   * the first few ({@code elements.size() <= count}), so that vocabularies of 150,000 strings stay
   * cheap.
   */
  record Array(GgufValueType elementType, long count, List<GgufValue> elements)
      implements GgufValue {
    public Array {
      elements = List.copyOf(elements);
      if (count < elements.size()) {
        throw new IllegalArgumentException("array of " + count + " has " + elements.size());
      }
      for (GgufValue element : elements) {
        if (element.type() != elementType) {
          throw new IllegalArgumentException(
              element.type().label() + " element in an array of " + elementType.label());
        }
      }
    }

    @Override
    public GgufValueType type() {
      return GgufValueType.ARRAY;
    }

    /** True when every element is held, as a writer requires. */
    public boolean isComplete() {
      return elements.size() == count;
    }

    @Override
    public String text() {
      String shown =
          elements.stream()
              .map(e -> e instanceof Text ? '"' + e.text() + '"' : e.text())
              .collect(Collectors.joining(", "));
      String more = isComplete() ? "" : (elements.isEmpty() ? "…" : ", …");
      return "array of " + count + " " + elementType.label() + ": [" + shown + more + "]";
    }
  }

  static GgufValue uint8(int v) {
    return new Int(GgufValueType.UINT8, v);
  }

  static GgufValue int8(int v) {
    return new Int(GgufValueType.INT8, v);
  }

  static GgufValue uint16(int v) {
    return new Int(GgufValueType.UINT16, v);
  }

  static GgufValue int16(int v) {
    return new Int(GgufValueType.INT16, v);
  }

  static GgufValue uint32(long v) {
    return new Int(GgufValueType.UINT32, v);
  }

  static GgufValue int32(int v) {
    return new Int(GgufValueType.INT32, v);
  }

  /** An unsigned 64-bit value given as its bit pattern. */
  static GgufValue uint64(long bits) {
    return new Int(GgufValueType.UINT64, bits);
  }

  static GgufValue int64(long v) {
    return new Int(GgufValueType.INT64, v);
  }

  static GgufValue float32(float v) {
    return new Real(GgufValueType.FLOAT32, v);
  }

  static GgufValue float64(double v) {
    return new Real(GgufValueType.FLOAT64, v);
  }

  static GgufValue bool(boolean v) {
    return new Bool(v);
  }

  static GgufValue string(String v) {
    return new Text(v, v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  /** A complete array; every element must have {@code elementType}. */
  static GgufValue array(GgufValueType elementType, List<? extends GgufValue> elements) {
    return new Array(elementType, elements.size(), List.copyOf(elements));
  }
}
