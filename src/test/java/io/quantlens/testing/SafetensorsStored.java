package io.quantlens.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors of a single safetensors file as stored, read from its header (an 8-byte little-endian
 * length, then JSON with each tensor's dtype, shape and data offsets) without QuantLens's reader.
 */
public final class SafetensorsStored {
  /** A tensor's dtype (e.g. {@code F16}), shape outermost first and bytes. */
  public record Stored(String dtype, long[] shape, byte[] bytes) {
    /** The values, F32 or F16 (decoded exactly: sign, 5-bit exponent, 10-bit fraction). */
    public float[] floats() {
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      float[] out = new float[bytes.length / (dtype.equals("F32") ? 4 : 2)];
      for (int i = 0; i < out.length; i++) {
        out[i] = dtype.equals("F32") ? b.getFloat() : half(b.getShort() & 0xffff);
      }
      return out;
    }

    private static float half(int h) {
      int sign = h >> 15 == 0 ? 1 : -1;
      int exponent = (h >> 10) & 0x1f;
      int fraction = h & 0x3ff;
      if (exponent == 0) {
        return sign * fraction * 0x1p-24f;
      }
      if (exponent == 31) {
        return fraction == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
      }
      return sign * (1 + fraction / 1024f) * (float) Math.pow(2, exponent - 15);
    }
  }

  private SafetensorsStored() {}

  /** Tensor name → what is stored. */
  public static Map<String, Stored> read(Path file) throws Exception {
    byte[] all = Files.readAllBytes(file);
    long headerLength = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    JsonNode header =
        new ObjectMapper().readTree(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8));
    int data = 8 + (int) headerLength;
    Map<String, Stored> tensors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      JsonNode t = e.getValue();
      long[] shape = new long[t.get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = t.get("shape").get(i).asLong();
      }
      int from = data + t.get("data_offsets").get(0).asInt();
      int to = data + t.get("data_offsets").get(1).asInt();
      byte[] bytes = java.util.Arrays.copyOfRange(all, from, to);
      tensors.put(e.getKey(), new Stored(t.get("dtype").asText(), shape, bytes));
    }
    return tensors;
  }
}
