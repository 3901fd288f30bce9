package io.quantlens.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a file a model names (ONNX external data, a safetensors shard) stays inside the model's
 * folder once links are followed: a model may not make QuantLens read files elsewhere.
 */
public final class InsideFolder {
  private InsideFolder() {}

  /**
   * Why {@code file} leaves {@code folder}, or null when it (or, not existing yet, its name) stays
   * inside.
   */
  public static String escape(Path folder, Path file) throws IOException {
    Path absoluteFolder = folder.toAbsolutePath().normalize();
    Path absolute = file.toAbsolutePath().normalize();
    if (!absolute.startsWith(absoluteFolder)) {
      return "resolves outside the model's folder";
    }
    if (!Files.exists(absolute)) {
      return null;
    }
    Path real = absolute.toRealPath();
    if (!real.startsWith(absoluteFolder.toRealPath())) {
      return "resolves outside the model's folder (to " + real + ")";
    }
    return null;
  }
}
