package io.quantlens.ui.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quantlens.text.Messages;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The glossary's terms and the bundle's glossary keys are the same set. */
class GlossaryTermTest {
  private final Messages m = Messages.forLocale(Locale.ENGLISH);

  @Test
  void everyTermHasANameAndAMeaningAndTheBundleHasNoOtherTerms() {
    for (GlossaryTerm term : GlossaryTerm.all(m)) {
      assertFalse(term.name().isBlank(), term.id());
      assertFalse(term.meaning().isBlank(), term.id());
    }
    Set<String> inBundle = new TreeSet<>();
    for (String key : m.bundle().keySet()) {
      if (key.startsWith("glossary.")) {
        inBundle.add(key.split("\\.")[1]);
      }
    }
    assertEquals(new TreeSet<>(GlossaryTerm.IDS), inBundle);
    assertEquals(GlossaryTerm.IDS.size(), Set.copyOf(GlossaryTerm.IDS).size(), "no id twice");
  }

  @Test
  void aFilterMatchesNameFormulaOrMeaning() {
    GlossaryTerm sigma =
        GlossaryTerm.all(m).stream().filter(t -> t.id().equals("sigmaq")).findFirst().orElseThrow();
    assertEquals(true, sigma.matches("\u221a12"));
    assertEquals(true, sigma.matches("rounding"));
    assertEquals(false, sigma.matches("pue"));
  }
}
