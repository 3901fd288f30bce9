package io.quantlens.analysis.compare;

import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A user's word on which original weights an artifact layer was made from, for the layers whose
 * names say too little. A CSV file with the header {@code artifact,original}; the original side
 * names one or more original layers joined with {@code +}, each optionally narrowed to output
 * channels {@code [from:to]}, e.g. {@code model.layers.0.attn.wqkv[0:3072]}.
 *
 * @param entries artifact layer name → the original parts, in file order
 */
public record LayerMapping(Map<String, List<Part>> entries) {
  public static final LayerMapping NONE = new LayerMapping(Map.of());

  /** One original layer, or channels {@code [from, to)} of it ({@code to} = -1: to its end). */
  public record Part(String layer, long from, long to) {}

  private static final Pattern PART = Pattern.compile("(.+?)(?:\\[(\\d+):(\\d+)\\])?");

  public LayerMapping {
    entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /**
   * Parses a mapping file's text.
   *
   * @param file the file it came from, for messages
   * @throws ModelFormatException naming {@code file} and the line at fault
   */
  public static LayerMapping parse(Path file, Reader in) throws ModelFormatException {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    Map<String, List<Part>> entries = new LinkedHashMap<>();
    try {
      for (CSVRecord row : format.parse(in)) {
        if (!row.isMapped("artifact") || !row.isMapped("original") || !row.isConsistent()) {
          throw new ModelFormatException(
              file, "line " + row.getRecordNumber() + ": expected the columns artifact,original");
        }
        entries.put(row.get("artifact"), parts(file, row.getRecordNumber(), row.get("original")));
      }
    } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
      throw new ModelFormatException(file, "cannot read the layer mapping: " + e.getMessage(), e);
    }
    return new LayerMapping(entries);
  }

  private static List<Part> parts(Path file, long line, String text) throws ModelFormatException {
    List<Part> parts = new ArrayList<>();
    for (String piece : text.split("\\+")) {
      Matcher m = PART.matcher(piece.trim());
      if (piece.isBlank() || !m.matches()) {
        throw new ModelFormatException(file, "line " + line + ": no layer name in '" + text + "'");
      }
      long from = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
      long to = m.group(3) == null ? -1 : Long.parseLong(m.group(3));
      if (to >= 0 && to <= from) {
        throw new ModelFormatException(
            file, "line " + line + ": empty channel range [" + from + ":" + to + "]");
      }
      parts.add(new Part(m.group(1), from, to));
    }
    return parts;
  }
}
