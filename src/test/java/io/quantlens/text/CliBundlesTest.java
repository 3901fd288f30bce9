package io.quantlens.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The command line's bundles (cli.properties, cli_vi.properties): the same keys, the same
 * placeholders, and messages whose numbers arrive already written, so they read the same in every
 * locale.
 */
class CliBundlesTest {
  private static final String BASE = "io.quantlens.text.cli";
  private static final Properties ENGLISH = read("cli.properties");
  private static final Properties VIETNAMESE = read("cli_vi.properties");
  private static final Pattern PICOCLI_VARIABLE = Pattern.compile("\\$\\{[^}]*}|%n");

  private static Properties read(String name) {
    Properties p = new Properties();
    try (var in = CliBundlesTest.class.getResourceAsStream("/io/quantlens/text/" + name)) {
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException | NullPointerException e) {
      throw new AssertionError("cannot read " + name, e);
    }
    return p;
  }

  /** Texts picocli reads as they are (help); every other one is a MessageFormat pattern. */
  private static boolean isHelp(String key) {
    return key.startsWith("usage.")
        || key.startsWith("quantlens.")
        || key.startsWith("option.")
        || key.startsWith("param.")
        || key.equals("help")
        || key.equals("version");
  }

  @Test
  void bothBundlesHaveTheSameKeys() {
    assertEquals(Locale.ROOT, Messages.forLocale(BASE, Locale.ENGLISH).bundle().getLocale());
    assertEquals(
        "vi",
        Messages.forLocale(BASE, Language.VIETNAMESE.locale()).bundle().getLocale().getLanguage());
    Set<String> missing = new TreeSet<>(ENGLISH.stringPropertyNames());
    missing.removeAll(VIETNAMESE.stringPropertyNames());
    Set<String> extra = new TreeSet<>(VIETNAMESE.stringPropertyNames());
    extra.removeAll(ENGLISH.stringPropertyNames());
    assertEquals(Set.of(), missing, "keys without a Vietnamese text");
    assertEquals(Set.of(), extra, "Vietnamese keys the English bundle lacks");
  }

  @Test
  void everyTextHasTheSamePlaceholdersInBothLanguages() {
    List<String> wrong = new ArrayList<>();
    for (String key : new TreeSet<>(ENGLISH.stringPropertyNames())) {
      String en = ENGLISH.getProperty(key);
      String vi = VIETNAMESE.getProperty(key, en);
      if (vi.isBlank()) {
        wrong.add(key + ": blank");
      }
      if (isHelp(key)) {
        if (!variables(en).equals(variables(vi))) {
          wrong.add(key + ": " + variables(en) + " vs " + variables(vi));
        }
        continue;
      }
      for (String text : List.of(en, vi)) {
        List<String> kinds = kinds(text);
        if (!kinds.equals(kinds(en))) {
          wrong.add(key + ": " + kinds(en) + " vs " + kinds);
        }
        // numbers come in written by NumberText; {0,number} would follow the locale
        if (kinds.stream().anyMatch(k -> !k.endsWith(":text"))) {
          wrong.add(key + ": a formatted placeholder in '" + text + "'");
        }
        // Messages.get formats only patterns with arguments: '' belongs there, never elsewhere
        String lone = text.replace("''", "");
        if (kinds.isEmpty() ? text.contains("''") : lone.contains("'")) {
          wrong.add(key + ": the quotes of '" + text + "'");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theVietnameseTextsAreVietnamese() {
    assertTrue(VIETNAMESE.getProperty("param.model").contains("T\u1ec7p m\u00f4 h\u00ecnh"));
    long translated =
        ENGLISH.stringPropertyNames().stream()
            .filter(k -> !ENGLISH.getProperty(k).equals(VIETNAMESE.getProperty(k, "")))
            .count();
    assertTrue(
        translated > ENGLISH.stringPropertyNames().size() * 0.8,
        translated + " of " + ENGLISH.stringPropertyNames().size());
  }

  private static List<String> variables(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = PICOCLI_VARIABLE.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static List<String> kinds(String pattern) {
    if (!pattern.contains("{")) {
      return List.of();
    }
    Format[] formats = new MessageFormat(pattern, Locale.ROOT).getFormatsByArgumentIndex();
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < formats.length; i++) {
      kinds.add(i + ":" + (formats[i] == null ? "text" : formats[i].getClass().getSimpleName()));
    }
    return kinds;
  }
}
