package io.quantlens.cost;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Why a figure has its value: the formula in symbols, and every symbol with its meaning, value,
 * unit and source, so the window and the reports can answer "why this number".
 *
 * <p>A formula is written in symbols, numbers, operators and the functions {@link #FUNCTIONS}, so
 * {@link #formulaSymbols()} can name each symbol it uses; every one is the figure's own {@code
 * symbol} or a term's.
 *
 * @param name what the figure is, e.g. {@code energy per inference}
 * @param symbol the figure's symbol on the formula's left, e.g. {@code E}
 * @param value the figure
 * @param unit its unit, e.g. {@code J}
 * @param formula how it is computed, e.g. {@code E = (E_MAC + D·E_byte + P_idle·T) / batch}
 * @param terms the formula's symbols (and a few figures for context, such as TDP)
 * @param note why the figure reads as it does, e.g. {@code memory-bound}; empty for none
 */
public record Explanation(
    String name,
    String symbol,
    double value,
    String unit,
    String formula,
    List<Term> terms,
    String note) {

  /** Words of a formula that are functions or index sums, not symbols. */
  public static final Set<String> FUNCTIONS = Set.of("Σ", "Σ_l", "mean_i", "max", "min", "log10");

  /** What splits a formula into tokens: spaces, operators and brackets. */
  private static final Pattern OPERATORS = Pattern.compile("[\\s+\\-−·/(),=;‖²]+");

  /** A number such as {@code 100}, {@code 3.6} or {@code 10⁶}. */
  private static final Pattern NUMBER = Pattern.compile("[0-9.]+[⁰¹²³⁴⁵⁶⁷⁸⁹]*");

  /** The headline figures the cost model explains; the dashboard's tiles ask for them by key. */
  public enum Quantity {
    MODEL_SIZE("model size"),
    DRAM_BYTES("DRAM bytes per inference"),
    TIME("time per inference"),
    ENERGY("energy per inference"),
    AVERAGE_POWER("average power"),
    ENERGY_PER_YEAR("energy per year"),
    CO2_PER_YEAR("CO₂ per year");

    private final String label;

    Quantity(String label) {
      this.label = label;
    }

    /** How the figure is named in reports and popups. */
    public String label() {
      return label;
    }
  }

  /**
   * One symbol of a formula.
   *
   * @param symbol as the formula writes it, e.g. {@code η_mem}
   * @param meaning what it stands for
   * @param value its value; NaN when it has one per layer or per sample (the meaning says so)
   * @param unit its unit, empty for a pure number
   * @param source where the value comes from: a device's data sheet, an assumption, the workload
   */
  public record Term(String symbol, String meaning, double value, String unit, String source) {}

  public Explanation {
    terms = List.copyOf(terms);
  }

  /** An explanation without a note. */
  public Explanation(
      String name, String symbol, double value, String unit, String formula, List<Term> terms) {
    this(name, symbol, value, unit, formula, terms, "");
  }

  /** Every symbol the formula uses, in order of first use, its own symbol included. */
  public List<String> formulaSymbols() {
    Set<String> symbols = new LinkedHashSet<>();
    for (String token : OPERATORS.split(formula)) {
      if (!token.isEmpty() && !FUNCTIONS.contains(token) && !NUMBER.matcher(token).matches()) {
        symbols.add(token);
      }
    }
    return List.copyOf(symbols);
  }

  /** Symbols of the formula that neither the figure nor a term names; empty when complete. */
  public List<String> unnamedSymbols() {
    List<String> unnamed = new ArrayList<>(formulaSymbols());
    unnamed.remove(symbol);
    for (Term t : terms) {
      unnamed.remove(t.symbol());
    }
    return List.copyOf(unnamed);
  }

  /** Several lines: the figure, the formula, each symbol with its meaning and source, the note. */
  public String render() {
    StringBuilder s =
        new StringBuilder(
            String.format(Locale.ROOT, "%s = %.6g %s%n  %s%n", name, value, unit, formula));
    for (Term t : terms) {
      String value =
          Double.isNaN(t.value())
              ? "(per layer or sample)"
              : String.format(Locale.ROOT, "%.6g %s", t.value(), t.unit()).trim();
      s.append(
          String.format(
              Locale.ROOT, "    %s = %s: %s [%s]%n", t.symbol(), value, t.meaning(), t.source()));
    }
    if (!note.isEmpty()) {
      s.append("  ").append(note).append(System.lineSeparator());
    }
    return s.toString();
  }
}
