package io.quantlens.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * User-visible strings in one language, from a resource bundle in assets/i18n: the window's ({@code
 * messages}) unless another is named (the command line's {@code cli}).
 */
public final class Messages {
  private static final String BUNDLE = "io.quantlens.text.messages";
  private static final String EXACT = "number.exact";

  private final ResourceBundle bundle;
  private final Numbers numbers;

  private Messages(ResourceBundle bundle) {
    this.bundle = bundle;
    // a bundle of its own (the command line's) takes the word for "exact" from the window's
    ResourceBundle words = bundle.containsKey(EXACT) ? bundle : load(BUNDLE, bundle.getLocale());
    this.numbers = new Numbers(bundle.getLocale(), words.getString(EXACT));
  }

  /**
   * The bundle for {@code locale}, English when none matches: the root bundle is English, and the
   * system's own locale is not consulted as a fallback (a German system asking for English must not
   * get Vietnamese).
   */
  public static Messages forLocale(Locale locale) {
    return forLocale(BUNDLE, locale);
  }

  /**
   * The bundle {@code baseName} (e.g. {@code io.quantlens.text.cli}, the command line's texts) for
   * {@code locale}, falling back to its root bundle as {@link #forLocale(Locale)} does.
   */
  public static Messages forLocale(String baseName, Locale locale) {
    return new Messages(load(baseName, locale));
  }

  private static ResourceBundle load(String baseName, Locale locale) {
    return ResourceBundle.getBundle(
        baseName,
        locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The language of these texts. */
  public Language language() {
    return Language.of(bundle.getLocale());
  }

  /** The text of {@code key}, with {@code args} filled in by {@link MessageFormat}. */
  public String get(String key, Object... args) {
    String pattern = bundle.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
  }

  /** Numbers as this language writes them. */
  public Numbers numbers() {
    return numbers;
  }

  public ResourceBundle bundle() {
    return bundle;
  }
}
