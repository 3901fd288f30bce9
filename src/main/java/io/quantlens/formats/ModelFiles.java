package io.quantlens.formats;

import io.quantlens.formats.onnx.OnnxModelReader;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a model file with the reader its name calls for. */
public final class ModelFiles {
  private ModelFiles() {}

  public static Model open(Path file) throws ModelFormatException {
    if (!Files.exists(file)) {
      throw new ModelFormatException(file, "no such file");
    }
    if (Files.isDirectory(file)) {
      throw new ModelFormatException(file, "is a folder, not a model file");
    }
    if (!Files.isReadable(file)) {
      throw new ModelFormatException(file, "cannot be read (permission denied)");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".onnx")) {
      return new OnnxModelReader().read(file);
    }
    throw new ModelFormatException(file, "unsupported model format (QuantLens reads .onnx files)");
  }
}
