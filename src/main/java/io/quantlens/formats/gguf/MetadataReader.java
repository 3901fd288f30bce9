package io.quantlens.formats.gguf;

import io.quantlens.model.ModelFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the key/value section of a GGUF header. Arrays keep only their first few elements (the rest
 * is skipped, not decoded), and long strings only their start, so opening a model with a 150,000
 * token vocabulary costs little time and memory.
 */
final class MetadataReader {
  /** Array elements kept for the summary. */
  static final int KEPT_ARRAY_ELEMENTS = 8;

  /** Bytes kept of a string value (chat templates are a few KB; anything longer is cut). */
  static final int KEPT_STRING_BYTES = 64 * 1024;

  /** Bytes kept of a string inside an array. */
  private static final int KEPT_ELEMENT_BYTES = 256;

  /** Arrays nested deeper than this are refused, so a crafted file cannot exhaust the stack. */
  private static final int MAX_NESTING = 16;

  /** The most elements a value read in full may hold: far above any vocabulary (~256k tokens). */
  static final long MAX_FULL_ELEMENTS = 1L << 24;

  private final HeaderCursor in;
  private final Set<String> fullKeys;
  private boolean full;

  private MetadataReader(HeaderCursor in, Set<String> fullKeys) {
    this.in = in;
    this.fullKeys = fullKeys;
  }

  /**
   * A value as read (a summary for long arrays and strings) and where its encoded bytes lie in the
   * file, after the type id: what a rewriter copies to keep the whole value.
   */
  record Entry(GgufValue value, long start, long end) {}

  /** Reads {@code count} key/value pairs, in file order. */
  static Map<String, Entry> read(HeaderCursor in, long count) throws ModelFormatException {
    return read(in, count, Set.of());
  }

  /**
   * Reads {@code count} key/value pairs, keeping every element and every byte of the values of
   * {@code fullKeys} (a vocabulary's tokens and merges); other values are summarised.
   */
  static Map<String, Entry> read(HeaderCursor in, long count, Set<String> fullKeys)
      throws ModelFormatException {
    MetadataReader reader = new MetadataReader(in, fullKeys);
    Map<String, Entry> values = new LinkedHashMap<>();
    for (long i = 0; i < count; i++) {
      String key = in.string("metadata key #" + i, KEPT_STRING_BYTES).value();
      GgufValueType type = reader.type("type of metadata '" + key + "'");
      long start = in.position();
      reader.full = fullKeys.contains(key);
      GgufValue value = reader.value(type, "metadata '" + key + "'", 0, KEPT_STRING_BYTES);
      if (values.putIfAbsent(key, new Entry(value, start, in.position())) != null) {
        throw in.error("metadata key '" + key + "' appears twice");
      }
    }
    return values;
  }

  private GgufValueType type(String what) throws ModelFormatException {
    long id = in.u32(what);
    return GgufValueType.byId(id)
        .orElseThrow(() -> in.error(what + " has unknown value type " + id));
  }

  private GgufValue value(GgufValueType type, String what, int depth, int keepBytes)
      throws ModelFormatException {
    return switch (type) {
      case UINT8 -> new GgufValue.Int(type, in.u8(what));
      case INT8 -> new GgufValue.Int(type, (byte) in.u8(what));
      case UINT16 -> new GgufValue.Int(type, in.u16(what));
      case INT16 -> new GgufValue.Int(type, (short) in.u16(what));
      case UINT32 -> new GgufValue.Int(type, in.u32(what));
      case INT32 -> new GgufValue.Int(type, (int) in.u32(what));
      case UINT64, INT64 -> new GgufValue.Int(type, in.u64(what));
      case FLOAT32 -> new GgufValue.Real(type, Float.intBitsToFloat((int) in.u32(what)));
      case FLOAT64 -> new GgufValue.Real(type, Double.longBitsToDouble(in.u64(what)));
      case BOOL -> bool(what);
      case STRING -> in.string(what, keepBytes);
      case ARRAY -> array(what, depth);
    };
  }

  private GgufValue bool(String what) throws ModelFormatException {
    int b = in.u8(what);
    if (b > 1) {
      throw in.error(what + " is a bool stored as " + b + " (only 0 and 1 are valid)");
    }
    return new GgufValue.Bool(b == 1);
  }

  private GgufValue array(String what, int depth) throws ModelFormatException {
    if (depth >= MAX_NESTING) {
      throw in.error(what + " nests arrays more than " + MAX_NESTING + " deep");
    }
    GgufValueType elementType = type("element type of " + what);
    long count = in.count("element count of " + what);
    int size = elementType.fixedBytes();
    if (size > 0 && count > in.remaining() / size) {
      throw in.error(
          what + " claims " + count + " " + elementType.label() + " values; the file is shorter");
    }
    if (full && size == 0 && count > in.remaining() / 8) {
      throw in.error(what + " claims " + count + " values; the file is shorter");
    }
    if (full && count > MAX_FULL_ELEMENTS) {
      throw in.error(what + " claims " + count + " elements, more than " + MAX_FULL_ELEMENTS);
    }
    int kept = (int) (full ? count : Math.min(count, KEPT_ARRAY_ELEMENTS));
    int keepBytes = full ? KEPT_STRING_BYTES : KEPT_ELEMENT_BYTES;
    List<GgufValue> elements = new ArrayList<>(Math.min(kept, 1 << 16));
    for (int i = 0; i < kept; i++) {
      elements.add(value(elementType, what + "[" + i + "]", depth + 1, keepBytes));
    }
    skip(elementType, count - kept, what, depth + 1);
    return new GgufValue.Array(elementType, count, elements);
  }

  /** Skips {@code n} values of one type, checking that each lies within the file. */
  private void skip(GgufValueType type, long n, String what, int depth)
      throws ModelFormatException {
    if (n == 0) {
      return;
    }
    if (type.fixedBytes() > 0) {
      if (n > in.remaining() / type.fixedBytes()) {
        throw in.error(
            what + " claims " + n + " more " + type.label() + " values; the file is shorter");
      }
      in.skip(n * type.fixedBytes(), what);
      return;
    }
    // Strings and arrays take at least 8 bytes each, so a corrupt count ends at the file's end.
    for (long i = 0; i < n; i++) {
      if (type == GgufValueType.STRING) {
        in.skipString(what + " element");
      } else {
        if (depth >= MAX_NESTING) {
          throw in.error(what + " nests arrays more than " + MAX_NESTING + " deep");
        }
        GgufValueType inner = type("element type of " + what);
        skip(inner, in.count("element count of " + what), what, depth + 1);
      }
    }
  }
}
