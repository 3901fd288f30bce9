package io.quantlens.session;

import io.quantlens.analysis.compare.LayerMapping;
import io.quantlens.formats.RegularFiles;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a user's layer mapping file for {@code compare} (docs/compare.md#mapping-file). */
public final class MappingFiles {
  private MappingFiles() {}

  /**
   * @throws ModelFormatException naming the file: not a regular file, unreadable or malformed
   */
  public static LayerMapping read(Path file) throws ModelFormatException {
    RegularFiles.require(file);
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return LayerMapping.parse(file, in);
    } catch (IOException e) {
      throw new ModelFormatException(file, "cannot read the layer mapping: " + e.getMessage(), e);
    }
  }
}
