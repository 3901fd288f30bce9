package io.quantlens.formats.safetensors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quantlens.formats.RegularFiles;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one Jackson configuration for safetensors headers, index files and config.json. */
final class SafetensorsJson {
  /** Rejects duplicate keys (the format forbids them) and anything after the top-level value. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private SafetensorsJson() {}

  /**
   * Parses a small JSON file beside the weights (an index, config.json).
   *
   * @param maxBytes the largest file read
   * @param what the file in messages, e.g. {@code "index file"}
   * @throws ModelFormatException naming the file: not a regular file, too large, empty, not JSON
   */
  static JsonNode readFile(Path file, long maxBytes, String what) throws ModelFormatException {
    RegularFiles.require(file);
    try {
      if (Files.size(file) > maxBytes) {
        throw new ModelFormatException(
            file, what + " is larger than the " + maxBytes / 1_000_000 + " MB limit");
      }
      try (InputStream in = Files.newInputStream(file)) {
        JsonNode root = MAPPER.readTree(in);
        if (root == null || root.isMissingNode()) {
          throw new ModelFormatException(file, what + " is empty");
        }
        return root;
      }
    } catch (JacksonException e) {
      throw new ModelFormatException(
          file, what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot read " + what + ": " + e, e);
    }
  }
}
