package io.quantlens.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one model file a folder holds (docs/file-formats.md#model-folders): an ONNX Runtime GenAI
 * folder's decoder, named by {@code genai_config.json}; a sharded safetensors model's index; else
 * optimum-intel's {@code openvino_model.xml}; the folder's only {@code .onnx}, {@code .gguf},
 * {@code .safetensors} file or OpenVINO IR ({@code .xml} with its {@code .bin}). A Hugging Face or
 * MLX folder's {@code config.json} is then read beside the weights, as for a file opened directly.
 *
 * @param file the model file to open, inside the folder
 * @param properties what the folder says about the model beyond the file (GenAI's model type and
 *     decoder file name), to add to the model's metadata
 */
public record ModelFolder(Path file, Map<String, String> properties) {
  /** The configuration file ONNX Runtime GenAI reads from a model folder. */
  public static final String GENAI_CONFIG = "genai_config.json";

  /** A genai_config.json is a few kilobytes; anything much larger is not one. */
  private static final long MAX_CONFIG_BYTES = 4L << 20;

  private static final String INDEX_SUFFIX = ".safetensors.index.json";
  private static final List<String> MODEL_SUFFIXES = List.of(".onnx", ".gguf", ".safetensors");

  /** The IR optimum-intel writes beside its tokenizer IRs. */
  private static final String OPENVINO_MODEL = "openvino_model.xml";

  public ModelFolder {
    properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /**
   * Finds the model in {@code folder}.
   *
   * @throws ModelFormatException one line naming the folder (or its genai_config.json) and what was
   *     found, when there is no model, more than one, or the configuration is broken
   */
  public static ModelFolder find(Path folder) throws ModelFormatException {
    List<String> names = names(folder);
    if (names.contains(GENAI_CONFIG)) {
      return genai(folder);
    }
    List<String> indexes = endingIn(names, List.of(INDEX_SUFFIX));
    if (indexes.size() == 1) {
      return new ModelFolder(inside(folder, indexes.get(0)), Map.of());
    }
    if (indexes.size() > 1) {
      throw new ModelFormatException(
          folder, "holds several safetensors indexes, open one of them: " + list(indexes));
    }
    if (names.contains(OPENVINO_MODEL)) {
      return new ModelFolder(inside(folder, OPENVINO_MODEL), Map.of());
    }
    List<String> models = new java.util.ArrayList<>(endingIn(names, MODEL_SUFFIXES));
    // an OpenVINO IR is an .xml with its .bin beside it
    for (String xml : endingIn(names, List.of(".xml"))) {
      if (names.contains(xml.substring(0, xml.length() - 4) + ".bin")) {
        models.add(xml);
      }
    }
    if (models.size() == 1) {
      return new ModelFolder(inside(folder, models.get(0)), Map.of());
    }
    if (models.isEmpty()) {
      throw new ModelFormatException(
          folder,
          "no model in this folder (looked for "
              + GENAI_CONFIG
              + ", *"
              + INDEX_SUFFIX
              + ", *.onnx, *.gguf, *.safetensors, *.xml with its .bin; found "
              + (names.isEmpty() ? "nothing" : list(names))
              + ")");
    }
    boolean shards =
        models.stream().allMatch(n -> n.toLowerCase(Locale.ROOT).endsWith(".safetensors"));
    throw new ModelFormatException(
        folder,
        models.size()
            + " model files and no "
            + (shards ? "model" + INDEX_SUFFIX + " to join them" : GENAI_CONFIG + " to choose")
            + ", open one of them: "
            + list(models));
  }

  /** The decoder ONNX file that genai_config.json names in {@code model.decoder.filename}. */
  private static ModelFolder genai(Path folder) throws ModelFormatException {
    Path config = inside(folder, GENAI_CONFIG);
    JsonNode root;
    try {
      root = StrictJson.parse(read(config));
    } catch (StrictJson.Invalid e) {
      throw new ModelFormatException(config, "not valid JSON: " + e.getMessage());
    }
    JsonNode model = root == null ? null : root.get("model");
    JsonNode decoder = model == null || !model.isObject() ? null : model.get("decoder");
    JsonNode filename = decoder == null || !decoder.isObject() ? null : decoder.get("filename");
    if (filename == null || !filename.isTextual() || filename.asText().isBlank()) {
      throw new ModelFormatException(
          config, "model.decoder.filename is missing or not a file name (found " + filename + ")");
    }
    String name = filename.asText();
    Path decoderFile;
    try {
      decoderFile = folder.resolve(name);
    } catch (java.nio.file.InvalidPathException e) {
      throw new ModelFormatException(config, "model.decoder.filename '" + name + "' is no path");
    }
    String escape = escape(folder, decoderFile);
    if (escape != null) {
      throw new ModelFormatException(config, "model.decoder.filename '" + name + "' " + escape);
    }
    if (!Files.exists(decoderFile)) {
      throw new ModelFormatException(
          config, "model.decoder.filename '" + name + "' does not exist in " + folder);
    }
    String problem = RegularFiles.problem(decoderFile);
    if (problem != null) {
      throw new ModelFormatException(config, "model.decoder.filename '" + name + "' " + problem);
    }
    Map<String, String> properties = new LinkedHashMap<>();
    JsonNode type = model.get("type");
    if (type != null && type.isTextual()) {
      properties.put("genai.model.type", type.asText());
    }
    properties.put("genai.decoder.filename", name);
    return new ModelFolder(decoderFile, properties);
  }

  private static byte[] read(Path config) throws ModelFormatException {
    try {
      if (Files.size(config) > MAX_CONFIG_BYTES) {
        throw new ModelFormatException(
            config, "is " + Files.size(config) + " bytes, too large for a " + GENAI_CONFIG);
      }
      try (InputStream in = Files.newInputStream(config)) {
        return in.readNBytes((int) MAX_CONFIG_BYTES + 1);
      }
    } catch (IOException e) {
      throw new ModelFormatException(config, "cannot be read: " + e.getMessage(), e);
    }
  }

  /** {@code folder/name}, once it is known to be a regular file that stays inside the folder. */
  private static Path inside(Path folder, String name) throws ModelFormatException {
    Path file = folder.resolve(name);
    String escape = escape(folder, file);
    if (escape != null) {
      throw new ModelFormatException(file, escape);
    }
    RegularFiles.require(file);
    return file;
  }

  private static String escape(Path folder, Path file) throws ModelFormatException {
    try {
      return InsideFolder.escape(folder, file);
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot be resolved: " + e.getMessage(), e);
    }
  }

  /** The names in {@code folder}, sorted; sub-folders are left out. */
  private static List<String> names(Path folder) throws ModelFormatException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (!Files.isDirectory(entry)) {
          names.add(entry.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new ModelFormatException(folder, "cannot list the folder: " + e.getMessage(), e);
    }
    names.sort(null);
    return names;
  }

  private static List<String> endingIn(List<String> names, List<String> suffixes) {
    return names.stream()
        .filter(n -> suffixes.stream().anyMatch(s -> n.toLowerCase(Locale.ROOT).endsWith(s)))
        .toList();
  }

  private static String list(List<String> names) {
    int shown = Math.min(names.size(), 8);
    String listed = String.join(", ", names.subList(0, shown));
    return shown < names.size() ? listed + " and " + (names.size() - shown) + " more" : listed;
  }
}
