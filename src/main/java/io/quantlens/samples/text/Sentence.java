package io.quantlens.samples.text;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of an evaluation sentence set: language code, topic group and text.
 *
 * <p>A set is a UTF-8 file of tab-separated rows under the header {@code
 * lang<TAB>topic<TAB>sentence}; its row order is the row order of the tokenized arrays.
 */
public record Sentence(String lang, String topic, String text) {
  static final String HEADER = "lang\ttopic\tsentence";

  public static List<Sentence> readAll(Path tsv) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IOException(tsv + ": not UTF-8 text", e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IOException(
          tsv + ": the first line must be the header " + HEADER.replace("\t", "<TAB>"));
    }
    List<Sentence> sentences = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != 3 || cells[2].isBlank()) {
        throw new IOException(
            tsv + " line " + (i + 1) + ": expected lang<TAB>topic<TAB>sentence, got: " + line);
      }
      sentences.add(new Sentence(cells[0], cells[1], cells[2]));
    }
    if (sentences.isEmpty()) {
      throw new IOException(tsv + ": no sentences");
    }
    return sentences;
  }
}
