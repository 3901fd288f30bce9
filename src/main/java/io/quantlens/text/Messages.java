package io.quantlens.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The window's user-visible strings, from the {@code i18n/messages} resource bundle. */
public final class Messages {
  private static final String BUNDLE = "io.quantlens.text.messages";

  private final ResourceBundle bundle;
  private final Numbers numbers;

  private Messages(ResourceBundle bundle) {
    this.bundle = bundle;
    this.numbers = new Numbers(bundle.getLocale(), bundle.getString("number.exact"));
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
    return new Messages(
        ResourceBundle.getBundle(
            baseName,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
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
