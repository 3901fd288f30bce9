package io.quantlens.cli;

import io.quantlens.text.Language;
import io.quantlens.text.Messages;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line's texts (assets/i18n/cli*.properties) and the language they are in: {@code
 * --lang en|vi} when given, else the system locale's.
 */
final class CliText {
  static final String BUNDLE = "io.quantlens.text.cli";
  static final String LANG_OPTION = "--lang";

  private CliText() {}

  static Messages of(Language language) {
    return Messages.forLocale(BUNDLE, language.locale());
  }

  /** The texts in the language Main set up {@code spec}'s help in; English when it set none. */
  static Messages of(CommandSpec spec) {
    ResourceBundle bundle = spec.resourceBundle();
    return Messages.forLocale(BUNDLE, bundle == null ? Locale.ROOT : bundle.getLocale());
  }

  /**
   * The value of {@code --lang} in {@code args} (before a {@code --}), read before picocli parses
   * them because the help it prints must already be in that language.
   */
  static Optional<String> asked(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      }
      if (args[i].equals(LANG_OPTION) && i + 1 < args.length) {
        return Optional.of(args[i + 1]);
      }
      if (args[i].startsWith(LANG_OPTION + "=")) {
        return Optional.of(args[i].substring(LANG_OPTION.length() + 1));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code --lang} takes {@code value}: en or vi. */
  static boolean known(String value) {
    return value.equals("en") || value.equals("vi");
  }

  /** The language {@code asked} names when known, else the one of {@code system}. */
  static Language language(Optional<String> asked, Locale system) {
    return asked
        .filter(CliText::known)
        .map(Locale::forLanguageTag)
        .map(Language::of)
        .orElseGet(() -> Language.of(system));
  }
}
