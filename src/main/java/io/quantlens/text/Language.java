package io.quantlens.text;

import java.util.Locale;

/** The languages the window speaks, each with its bundle (assets/i18n/messages*.properties). */
public enum Language {
  ENGLISH(Locale.ENGLISH, "English"),
  VIETNAMESE(Locale.forLanguageTag("vi"), "Ti\u1ebfng Vi\u1ec7t");

  private final Locale locale;
  private final String name;

  Language(Locale locale, String name) {
    this.locale = locale;
    this.name = name;
  }

  /** The language for {@code locale}: Vietnamese for any Vietnamese locale, else English. */
  public static Language of(Locale locale) {
    return locale.getLanguage().equals("vi") ? VIETNAMESE : ENGLISH;
  }

  public Locale locale() {
    return locale;
  }

  /** The language's own name for itself, as the language menu lists it. */
  public String nativeName() {
    return name;
  }

  /** The window's texts in this language. */
  public Messages messages() {
    return Messages.forLocale(locale);
  }
}
