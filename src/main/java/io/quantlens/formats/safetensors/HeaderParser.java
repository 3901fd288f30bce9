package io.quantlens.formats.safetensors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.ByteBufferBackedInputStream;
import io.quantlens.formats.HeaderBudget;
import io.quantlens.formats.mapped.ChunkedMapping;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks the header of a safetensors file (docs/file-formats.md#safetensors-header): the
 * 8-byte length, the JSON (parsed straight from the mapping), and every tensor's dtype, shape and
 * offsets. The data section's layout is checked by {@link DataLayout}.
 */
final class HeaderParser {
  /** The reference reader's limit on the header length. */
  static final long MAX_HEADER_BYTES = 100_000_000L;

  static final String METADATA_KEY = "__metadata__";

  private final Path file;

  private HeaderParser(Path file) {
    this.file = file;
  }

  static SafetensorsHeader parse(Path file, ChunkedMapping mapping) throws ModelFormatException {
    return new HeaderParser(file).parse(mapping);
  }

  private SafetensorsHeader parse(ChunkedMapping mapping) throws ModelFormatException {
    long size = mapping.size();
    if (size < 8) {
      throw problem(
          "file of "
              + size
              + " bytes is too short for a safetensors file (the header length alone takes 8)");
    }
    long headerLength = mapping.region(0, 8).view(0).getLong();
    if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
      throw problem(
          "header of "
              + Long.toUnsignedString(headerLength)
              + " bytes is larger than the 100 MB limit");
    }
    if (headerLength > size - 8) {
      throw problem(
          "header of "
              + headerLength
              + " bytes runs past the end of the file ("
              + size
              + " bytes); the file is truncated or not a safetensors file");
    }
    HeaderBudget.json(file, headerLength, "the " + headerLength + "-byte JSON header");
    JsonNode root = json(mapping.region(8, headerLength).view(0), headerLength);
    if (!root.isObject()) {
      throw problem("header is a JSON " + kind(root) + ", not an object");
    }
    long dataStart = 8 + headerLength;
    long dataLength = size - dataStart;
    Map<String, String> metadata = new LinkedHashMap<>();
    List<TensorEntry> tensors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals(METADATA_KEY)) {
        metadata.putAll(metadata(field.getValue()));
      } else {
        tensors.add(tensor(field.getKey(), field.getValue(), dataLength));
      }
    }
    DataLayout.check(file, tensors, dataLength);
    return new SafetensorsHeader(metadata, tensors, dataStart);
  }

  private JsonNode json(ByteBuffer bytes, long headerLength) throws ModelFormatException {
    if (bytes.remaining() != headerLength) {
      throw new IllegalStateException("header not within one mapped chunk");
    }
    // A reporting decoder, because the header must be UTF-8 and Jackson would guess UTF-16/32.
    Reader text =
        new InputStreamReader(
            new ByteBufferBackedInputStream(bytes),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    try (text) {
      JsonNode root = SafetensorsJson.MAPPER.readTree(text);
      if (root == null || root.isMissingNode()) {
        throw problem("header is empty or only spaces, not a JSON object");
      }
      return root;
    } catch (CharacterCodingException e) {
      throw problem("header is not valid UTF-8 text", e);
    } catch (JacksonException e) {
      throw problem("header is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw problem("cannot read the header: " + e, e);
    }
  }

  private Map<String, String> metadata(JsonNode node) throws ModelFormatException {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (node.isNull()) {
      return metadata;
    }
    if (!node.isObject()) {
      throw problem(METADATA_KEY + " is a JSON " + kind(node) + ", not an object of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isTextual()) {
        throw problem(
            METADATA_KEY
                + " entry '"
                + entry.getKey()
                + "' is a JSON "
                + kind(entry.getValue())
                + "; values must be strings");
      }
      metadata.put(entry.getKey(), entry.getValue().textValue());
    }
    return metadata;
  }

  private TensorEntry tensor(String name, JsonNode info, long dataLength)
      throws ModelFormatException {
    String what = "tensor '" + name + "'";
    if (!info.isObject()) {
      throw problem(what + " is described by a JSON " + kind(info) + ", not an object");
    }
    JsonNode dtypeNode = info.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw problem(what + " has no dtype string");
    }
    SafetensorsDType type = SafetensorsDType.parse(dtypeNode.textValue());
    if (type == null) {
      throw problem(what + " has unknown dtype '" + dtypeNode.textValue() + "'");
    }
    long[] shape = integers(what, "shape", info.get("shape"), -1);
    long elements = 1;
    for (long d : shape) {
      try {
        elements = Math.multiplyExact(elements, d);
      } catch (ArithmeticException e) {
        throw problem(
            what
                + " has shape "
                + Arrays.toString(shape)
                + " whose element count overflows a long");
      }
    }
    long[] offsets = integers(what, "data_offsets", info.get("data_offsets"), 2);
    TensorEntry entry = new TensorEntry(name, type, shape, elements, offsets[0], offsets[1]);
    checkSize(entry, dataLength);
    return entry;
  }

  private void checkSize(TensorEntry t, long dataLength) throws ModelFormatException {
    String what = "tensor '" + t.name() + "'";
    if (t.begin() > t.end()) {
      throw problem(
          what + " has data_offsets " + t.offsetsText() + " whose begin is after its end");
    }
    long needed;
    try {
      needed = t.type().byteLength(t.elements());
    } catch (ArithmeticException e) {
      throw problem(
          what + " of shape " + t.shapeText() + " and dtype " + t.type() + " is too large");
    } catch (IllegalArgumentException e) {
      throw problem(what + " of shape " + t.shapeText() + ": " + e.getMessage());
    }
    if (t.end() - t.begin() != needed) {
      throw problem(
          what
              + " has data_offsets "
              + t.offsetsText()
              + " ("
              + (t.end() - t.begin())
              + " bytes) but shape "
              + t.shapeText()
              + " of "
              + t.type()
              + " needs "
              + needed
              + " bytes");
    }
    if (t.end() > dataLength) {
      throw problem(
          what
              + " has data_offsets "
              + t.offsetsText()
              + " that reach past the end of the file (the data section holds "
              + dataLength
              + " bytes); the file is truncated or its header is wrong");
    }
  }

  /**
   * A JSON array of non-negative integers that fit a long.
   *
   * @param expectedCount required length, or -1 for any
   */
  private long[] integers(String what, String key, JsonNode node, int expectedCount)
      throws ModelFormatException {
    if (node == null || !node.isArray()) {
      throw problem(what + " has no '" + key + "' array");
    }
    if (expectedCount >= 0 && node.size() != expectedCount) {
      throw problem(
          what + " has " + node.size() + " " + key + " entries, expected " + expectedCount);
    }
    long[] values = new long[node.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode n = node.get(i);
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        throw problem(
            what
                + " has "
                + key
                + " entry "
                + n
                + " at index "
                + i
                + ", not an integer of 64 bits");
      }
      values[i] = n.longValue();
      if (values[i] < 0) {
        throw problem(what + " has a negative " + key + " entry " + values[i] + " at index " + i);
      }
    }
    return values;
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private ModelFormatException problem(String message) {
    return new ModelFormatException(file, message);
  }

  private ModelFormatException problem(String message, Throwable cause) {
    return new ModelFormatException(file, message, cause);
  }
}
