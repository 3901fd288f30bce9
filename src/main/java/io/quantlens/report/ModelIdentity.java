package io.quantlens.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which model a report or plan file is about: its file name and the SHA-256 of its bytes, so a
 * reader can tell whether the file beside them is the one the numbers came from.
 *
 * @param name the model file's name, e.g. {@code mnist-cnn.onnx}
 * @param sha256 lower-case hex SHA-256 of the file (for a sharded safetensors model, of its index)
 */
public record ModelIdentity(String name, String sha256) {
  /** Reads {@code file} once to hash it. */
  public static ModelIdentity of(Path file) throws IOException {
    return new ModelIdentity(file.getFileName().toString(), sha256(file));
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this Java runtime", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
