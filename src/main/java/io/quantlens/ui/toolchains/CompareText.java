package io.quantlens.ui.toolchains;

import io.quantlens.analysis.compare.Prediction;
import io.quantlens.text.Messages;
import java.util.Optional;

/** How the toolchains window writes a comparison's numbers, in the window's language. */
final class CompareText {
  private CompareText() {}

  /** Two decimals and the unit; {@code exact} for no error. */
  static String decibels(Messages m, double db) {
    return Double.isFinite(db) ? m.numbers().format("%.2f dB", db) : m.numbers().db(db);
  }

  static String bits(Messages m, double bits) {
    return Double.isFinite(bits) ? m.numbers().format("%.3f", bits) : "—";
  }

  /** {@code same} or {@code differs}, or empty when there is no prediction or it cannot tell. */
  static String verdict(Messages m, Optional<Prediction> prediction) {
    return prediction
        .flatMap(Prediction::agrees)
        .map(same -> m.get(same ? "toolchains.verdict.same" : "toolchains.verdict.differs"))
        .orElse("");
  }

  /**
   * The width a column needs to show {@code title} whole in the tables' bold headers, measured with
   * the window's default font and some room for the header's padding.
   */
  static double headerWidth(String title) {
    javafx.scene.text.Font base = javafx.scene.text.Font.getDefault();
    javafx.scene.text.Text text = new javafx.scene.text.Text(title);
    text.setFont(
        javafx.scene.text.Font.font(
            base.getFamily(), javafx.scene.text.FontWeight.BOLD, base.getSize()));
    return Math.ceil(text.getLayoutBounds().getWidth() + 24);
  }

  /** The width a cell needs to show {@code value} whole in the window's default font. */
  static double cellWidth(String value) {
    javafx.scene.text.Text text = new javafx.scene.text.Text(value);
    text.setFont(javafx.scene.text.Font.getDefault());
    return Math.ceil(text.getLayoutBounds().getWidth() + 16);
  }

  /**
   * The width a header needs when its title may wrap between words: its longest word's, with room
   * for the label the title is drawn in.
   */
  static double wrappedHeaderWidth(String title) {
    double widest = 0;
    for (String word : title.split("\\s+")) {
      widest = Math.max(widest, headerWidth(word) + 16);
    }
    return widest;
  }

  /** True when the artifact stores the layer otherwise than the preset predicted. */
  static boolean differs(Optional<Prediction> prediction) {
    return prediction.flatMap(Prediction::agrees).map(same -> !same).orElse(false);
  }
}
