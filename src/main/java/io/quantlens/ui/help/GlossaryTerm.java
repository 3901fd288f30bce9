package io.quantlens.ui.help;

import io.quantlens.text.Messages;
import java.util.List;
import java.util.Locale;

/**
 * One term the window shows, explained.
 *
 * @param id the term's key in the bundle: {@code glossary.ID.name}, {@code .formula}, {@code
 *     .meaning}
 * @param name the term as it appears on screen, e.g. {@code σq}
 * @param formula its formula in one line, empty for a term that has none
 * @param meaning what it means, in a sentence or two
 */
public record GlossaryTerm(String id, String name, String formula, String meaning) {
  /** Every term, in the order the glossary lists them: weights, outputs, then cost. */
  public static final List<String> IDS =
      List.of(
          "sqnr",
          "ruleOfThumb",
          "step",
          "sigmaq",
          "bits",
          "perTensor",
          "perChannel",
          "group",
          "sym",
          "asym",
          "clipping",
          "floats",
          "ggml",
          "accuracyDrop",
          "agreement",
          "kl",
          "outputSqnr",
          "cosine",
          "neighbour",
          "sensitivity",
          "mac",
          "dram",
          "efficiency",
          "tdp",
          "pue",
          "pinned");

  /** The terms from the bundle, in {@link #IDS} order. */
  public static List<GlossaryTerm> all(Messages m) {
    return IDS.stream()
        .map(
            id ->
                new GlossaryTerm(
                    id,
                    m.get("glossary." + id + ".name"),
                    m.bundle().containsKey("glossary." + id + ".formula")
                        ? m.get("glossary." + id + ".formula")
                        : "",
                    m.get("glossary." + id + ".meaning")))
        .toList();
  }

  /** True when {@code needle} (lower case) is in the name, formula or meaning. */
  boolean matches(String needle) {
    return needle.isEmpty()
        || (name + " " + formula + " " + meaning).toLowerCase(Locale.ROOT).contains(needle);
  }
}
