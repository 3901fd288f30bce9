package io.quantlens.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.ChoiceFormat;
import java.text.DecimalFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Vietnamese bundle has every key of the English one and no other, each with the same
 * placeholders of the same kinds, and menus keep one mnemonic each.
 */
class BundlesTest {
  private static final Properties ENGLISH = read("messages.properties");
  private static final Properties VIETNAMESE = read("messages_vi.properties");

  /** One bundle file as written, without the parent's keys a ResourceBundle would add. */
  private static Properties read(String name) {
    Properties p = new Properties();
    try (var in = BundlesTest.class.getResourceAsStream("/io/quantlens/text/" + name)) {
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException | NullPointerException e) {
      throw new AssertionError("cannot read " + name, e);
    }
    return p;
  }

  @Test
  void bothBundlesHaveTheSameKeys() {
    assertEquals(Locale.ROOT, Language.ENGLISH.messages().bundle().getLocale());
    assertEquals("vi", Language.VIETNAMESE.messages().bundle().getLocale().getLanguage());
    Set<String> english = new TreeSet<>(ENGLISH.stringPropertyNames());
    Set<String> vietnamese = new TreeSet<>(VIETNAMESE.stringPropertyNames());
    Set<String> missing = new TreeSet<>(english);
    missing.removeAll(vietnamese);
    Set<String> extra = new TreeSet<>(vietnamese);
    extra.removeAll(english);
    assertEquals(Set.of(), missing, "keys without a Vietnamese text");
    assertEquals(Set.of(), extra, "Vietnamese keys the English bundle lacks");
  }

  @Test
  void everyTextHasTheSamePlaceholdersInBothLanguages() {
    List<String> wrong = new ArrayList<>();
    for (String key : ENGLISH.stringPropertyNames()) {
      String en = ENGLISH.getProperty(key);
      String vi = VIETNAMESE.getProperty(key, en);
      if (!kinds(en).equals(kinds(vi))) {
        wrong.add(key + ": " + kinds(en) + " vs " + kinds(vi));
      }
      if (key.startsWith("menu.") && en.indexOf('_') >= 0 && count(vi, '_') != 1) {
        wrong.add(key + ": the menu mnemonic of '" + vi + "'");
      }
      if (!vi.equals(en) && vi.isBlank()) {
        wrong.add(key + ": blank");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theVietnameseTextsAreVietnamese() {
    assertTrue(
        VIETNAMESE.getProperty("menu.file").contains("T\u1ec7p"),
        VIETNAMESE.getProperty("menu.file"));
    long translated =
        ENGLISH.stringPropertyNames().stream()
            .filter(k -> !ENGLISH.getProperty(k).equals(VIETNAMESE.getProperty(k, "")))
            .count();
    assertTrue(
        translated > ENGLISH.stringPropertyNames().size() * 0.8,
        translated + " of " + ENGLISH.stringPropertyNames().size());
  }

  /** Each argument index with the kind of its format (none, number, choice…), in index order. */
  private static List<String> kinds(String pattern) {
    if (!pattern.contains("{")) {
      return List.of();
    }
    Format[] formats = new MessageFormat(pattern, Locale.ROOT).getFormatsByArgumentIndex();
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < formats.length; i++) {
      kinds.add(i + ":" + kind(formats[i]));
    }
    return kinds;
  }

  /**
   * A plural choice and a plain number both take a number: English says "1 level, 2 levels" where
   * Vietnamese, which has no plural, writes the number alone.
   */
  private static String kind(Format format) {
    if (format == null) {
      return "text";
    }
    return format instanceof ChoiceFormat || format instanceof DecimalFormat
        ? "number"
        : format.getClass().getSimpleName();
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(x -> x == c).count();
  }
}
