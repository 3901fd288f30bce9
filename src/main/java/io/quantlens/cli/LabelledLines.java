package io.quantlens.cli;

import io.quantlens.report.NumberText;
import io.quantlens.text.Messages;

/**
 * Report lines {@code Label value} whose values line up after the longest label: labels differ in
 * length between languages, so the column is as wide as the longest one needs.
 */
final class LabelledLines {
  private final Messages texts;
  private final int width;

  /** Lines for the labels of {@code keys}, the label column at least {@code width} wide. */
  LabelledLines(Messages texts, int width, String... keys) {
    this.texts = texts;
    int widest = width;
    for (String key : keys) {
      widest = Math.max(widest, texts.get(key).length());
    }
    this.width = widest;
  }

  /** The label of {@code key}, padded, a space, then {@code value}. */
  String line(String key, String value) {
    return NumberText.format("%-" + width + "s %s", texts.get(key), value);
  }

  /** {@code value} under the values of the lines above, the label column left blank. */
  String more(String value) {
    return " ".repeat(width + 1) + value;
  }

  /** A column as wide as {@code width} or as {@code heading}, whichever is wider. */
  static int fit(int width, String heading) {
    return Math.max(width, heading.length());
  }
}
