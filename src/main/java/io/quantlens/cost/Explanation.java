package io.quantlens.cost;

import java.util.List;
import java.util.Locale;

/**
 * Why a figure has its value: the formula, and every input with its unit and where it comes from,
 * so the window and the reports can answer "why this number".
 *
 * @param quantity what the figure is, e.g. {@code energy per inference}
 * @param value the figure
 * @param unit its unit, e.g. {@code J}
 * @param formula how it is computed, in words and symbols
 * @param terms the inputs of the formula
 */
public record Explanation(
    String quantity, double value, String unit, String formula, List<Term> terms) {

  /** One input of a formula. */
  public record Term(String name, double value, String unit, String source) {}

  public Explanation {
    terms = List.copyOf(terms);
  }

  /** Several lines: the figure, the formula, then each input and its source. */
  public String render() {
    StringBuilder s =
        new StringBuilder(
            String.format(Locale.ROOT, "%s = %.6g %s%n  = %s%n", quantity, value, unit, formula));
    for (Term t : terms) {
      s.append(
          String.format(
              Locale.ROOT, "  %s = %.6g %s  [%s]%n", t.name(), t.value(), t.unit(), t.source()));
    }
    return s.toString();
  }
}
