package io.quantlens.formats;

import io.quantlens.formats.gguf.GgufReader;
import io.quantlens.formats.onnx.OnnxGraphReader;
import io.quantlens.formats.onnx.OnnxModelReader;
import io.quantlens.formats.openvino.OpenVinoReader;
import io.quantlens.formats.safetensors.SafetensorsReader;
import io.quantlens.model.Graph;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.ModelMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Opens a model file with the reader its name calls for (or, for an unknown extension, its first
 * bytes). A {@code .xml} file is read as an OpenVINO IR, which refuses any XML whose root is not
 * {@code <net>}.
 */
public final class ModelFiles {
  /** What {@link #open} reads, for messages. */
  public static final String SUPPORTED_EXTENSIONS =
      ".onnx, .gguf, .safetensors and *.safetensors.index.json files, OpenVINO IR .xml files, and"
          + " folders holding one model";

  private ModelFiles() {}

  /**
   * Opens a model file, or the one model a folder holds ({@link ModelFolder}): the model's source
   * is then the file chosen inside the folder, and what the folder says about it (GenAI's model
   * type and decoder file) joins its metadata properties.
   */
  public static Model open(Path file) throws ModelFormatException {
    if (Files.isDirectory(file)) {
      ModelFolder folder = ModelFolder.find(file);
      Model model = openFile(folder.file());
      if (folder.properties().isEmpty()) {
        return model;
      }
      ModelMetadata m = model.metadata();
      Map<String, String> properties = new LinkedHashMap<>(folder.properties());
      properties.putAll(m.properties());
      return new Model(
          model.source(),
          new ModelMetadata(
              m.format(), m.producer(), m.formatVersion(), m.opsets(), properties, m.notes()),
          model.inputs(),
          model.outputs(),
          model.layers(),
          model.initializers(),
          model.files());
    }
    return openFile(file);
  }

  private static Model openFile(Path file) throws ModelFormatException {
    if (isOnnx(file)) {
      return new OnnxModelReader().read(file);
    }
    if (SafetensorsReader.handles(file)) {
      return new SafetensorsReader().read(file);
    }
    if (OpenVinoReader.handles(file)) {
      return new OpenVinoReader().read(file);
    }
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf")) {
      return new GgufReader().read(file);
    }
    if (SafetensorsReader.looksLikeSafetensors(file)) {
      return new SafetensorsReader().read(file);
    }
    throw new ModelFormatException(
        file, "unsupported model format (QuantLens reads " + SUPPORTED_EXTENSIONS + ")");
  }

  /** The model's computation graph. */
  public static Graph graph(Path file) throws ModelFormatException {
    if (isOnnx(file)) {
      return OnnxGraphReader.read(file);
    }
    throw new ModelFormatException(file, "graph structure is available for .onnx files only");
  }

  /**
   * The model rewritten so that an ONNX Runtime session reports every intermediate value as an
   * output.
   */
  public static byte[] withEveryValueAsOutput(Path file) throws ModelFormatException {
    if (isOnnx(file)) {
      return OnnxGraphReader.withEveryValueAsOutput(file);
    }
    throw new ModelFormatException(file, "intermediate values can be exposed in .onnx files only");
  }

  /**
   * The model rewritten so that an ONNX Runtime session also reports the named intermediate values
   * as outputs.
   */
  public static byte[] withValuesAsOutputs(Path file, Collection<String> values)
      throws ModelFormatException {
    if (isOnnx(file)) {
      return OnnxGraphReader.withValuesAsOutputs(file, values);
    }
    throw new ModelFormatException(file, "intermediate values can be exposed in .onnx files only");
  }

  private static boolean isOnnx(Path file) throws ModelFormatException {
    if (!Files.exists(file)) {
      throw new ModelFormatException(file, "no such file");
    }
    if (Files.isDirectory(file)) {
      throw new ModelFormatException(file, "is a folder, not a model file");
    }
    RegularFiles.require(file);
    if (!Files.isReadable(file)) {
      throw new ModelFormatException(file, "cannot be read (permission denied)");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".onnx");
  }
}
