package io.quantlens.formats.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Recognises common files that are not ONNX models, and the start of an ONNX ModelProto. */
final class FileSignatures {
  private FileSignatures() {}

  /** A short description of a known non-ONNX file type, or null. */
  static String describe(ByteBuffer bytes) {
    if (startsWith(bytes, 0x89, 'P', 'N', 'G')) {
      return "looks like a PNG image";
    }
    if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
      return "looks like a JPEG image";
    }
    if (startsWith(bytes, 'G', 'G', 'U', 'F')) {
      return "looks like a GGUF file";
    }
    if (startsWith(bytes, 'P', 'K', 3, 4)) {
      return "looks like a ZIP archive, e.g. a PyTorch checkpoint";
    }
    if (startsWith(bytes, '%', 'P', 'D', 'F')) {
      return "looks like a PDF document";
    }
    if (bytes.limit() >= 9 && bytes.get(8) == '{') {
      long headerLength = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(0);
      if (headerLength > 0 && headerLength <= bytes.limit() - 8L) {
        return "looks like a safetensors file";
      }
    }
    return null;
  }

  /**
   * True when the first byte is the tag of a ModelProto field with its proper wire type, as in
   * every file an ONNX exporter writes (usually 0x08, ir_version).
   */
  static boolean startsLikeModelProto(ByteBuffer bytes) {
    if (bytes.limit() == 0) {
      return false;
    }
    int tag = bytes.get(0) & 0xFF;
    return switch (tag) {
      case 0x08, 0x28 -> true; // ir_version, model_version (varint)
      case 0x12, 0x1A, 0x22, 0x32, 0x3A, 0x42, 0x72 -> true; // strings, graph, opsets, metadata
      default -> false;
    };
  }

  private static boolean startsWith(ByteBuffer bytes, int... prefix) {
    if (bytes.limit() < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes.get(i) & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
