package io.quantlens.ui.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The window's user-visible strings, from the {@code i18n/messages} resource bundle. */
public final class Messages {
  private static final String BUNDLE = "io.quantlens.ui.i18n.messages";

  private final ResourceBundle bundle;

  private Messages(ResourceBundle bundle) {
    this.bundle = bundle;
  }

  public static Messages forLocale(Locale locale) {
    return new Messages(ResourceBundle.getBundle(BUNDLE, locale));
  }

  /** The text of {@code key}, with {@code args} filled in by {@link MessageFormat}. */
  public String get(String key, Object... args) {
    String pattern = bundle.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
  }

  public ResourceBundle bundle() {
    return bundle;
  }
}
