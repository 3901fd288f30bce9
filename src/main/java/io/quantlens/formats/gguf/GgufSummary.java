package io.quantlens.formats.gguf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The headline facts of a GGUF file. {@link GgufReader} puts them first in {@link
 * io.quantlens.model.ModelMetadata#properties()} under the fixed keys {@link #ARCHITECTURE}, {@link
 * #QUANTIZATION_VERSION}, {@link #FILE_TYPE} and {@link #CONTEXT_LENGTH} (words with spaces, which
 * no lower_snake_case GGUF key can be), so a format-neutral view can show them; {@link #from(Map)}
 * reads them back.
 *
 * @param architecture {@code general.architecture}, e.g. {@code llama}
 * @param quantizationVersion {@code general.quantization_version}
 * @param fileType {@code general.file_type}, a llama.cpp {@code llama_ftype}
 * @param contextLength {@code <architecture>.context_length}
 */
public record GgufSummary(
    Optional<String> architecture,
    OptionalLong quantizationVersion,
    OptionalLong fileType,
    OptionalLong contextLength) {

  public static final String ARCHITECTURE = "architecture";
  public static final String QUANTIZATION_VERSION = "quantization version";
  public static final String FILE_TYPE = "file type";
  public static final String CONTEXT_LENGTH = "context length";

  /** The summary of a file's metadata values. */
  static GgufSummary of(Map<String, GgufValue> metadata) {
    Optional<String> architecture =
        Optional.ofNullable(metadata.get("general.architecture"))
            .filter(GgufValue.Text.class::isInstance)
            .map(v -> ((GgufValue.Text) v).value());
    return new GgufSummary(
        architecture,
        integer(metadata.get("general.quantization_version")),
        integer(metadata.get("general.file_type")),
        architecture
            .map(a -> integer(metadata.get(a + ".context_length")))
            .orElse(OptionalLong.empty()));
  }

  /** Reads the summary back from model properties written by {@link #properties()}. */
  public static GgufSummary from(Map<String, String> properties) {
    String fileType = properties.get(FILE_TYPE);
    return new GgufSummary(
        Optional.ofNullable(properties.get(ARCHITECTURE)),
        parse(properties.get(QUANTIZATION_VERSION)),
        parse(fileType == null ? null : fileType.split(" ", 2)[0]),
        parse(properties.get(CONTEXT_LENGTH)));
  }

  /** llama.cpp's name for the file type, e.g. {@code MOSTLY_Q4_K_M} for 15. */
  public Optional<String> fileTypeName() {
    return fileType.isPresent() ? LlamaFileTypes.name(fileType.getAsLong()) : Optional.empty();
  }

  /** The facts that are present, as text under the fixed keys. */
  public Map<String, String> properties() {
    Map<String, String> text = new LinkedHashMap<>();
    architecture.ifPresent(a -> text.put(ARCHITECTURE, a));
    quantizationVersion.ifPresent(v -> text.put(QUANTIZATION_VERSION, Long.toString(v)));
    fileType.ifPresent(
        v -> text.put(FILE_TYPE, v + fileTypeName().map(n -> " (" + n + ")").orElse("")));
    contextLength.ifPresent(v -> text.put(CONTEXT_LENGTH, Long.toString(v)));
    return text;
  }

  private static OptionalLong integer(GgufValue value) {
    return value instanceof GgufValue.Int i ? OptionalLong.of(i.value()) : OptionalLong.empty();
  }

  private static OptionalLong parse(String text) {
    try {
      return text == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
