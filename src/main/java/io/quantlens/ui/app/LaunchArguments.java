package io.quantlens.ui.app;

import io.quantlens.text.Language;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code quantlens gui [--lang en|vi] [MODEL]} asks for: the model (a file or sample name) and
 * the window's language, before the saved one; an argument it cannot use is kept to be named in a
 * notice, rather than opened as a model.
 *
 * @param model the model or project to open, empty for the default sample
 * @param language the language asked for with {@code --lang}
 * @param unusable the first argument that is neither, or empty
 */
public record LaunchArguments(
    Optional<String> model, Optional<Language> language, Optional<String> unusable) {
  private static final String LANG = "--lang";

  public static LaunchArguments of(List<String> args) {
    Optional<String> model = Optional.empty();
    Optional<Language> language = Optional.empty();
    Optional<String> unusable = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String value = null;
      if (a.equals(LANG) && i + 1 < args.size()) {
        value = args.get(++i);
      } else if (a.startsWith(LANG + "=")) {
        value = a.substring(LANG.length() + 1);
      }
      if (value != null && (value.equals("en") || value.equals("vi"))) {
        language = Optional.of(Language.of(Locale.forLanguageTag(value)));
      } else if (value == null && !a.startsWith("-") && model.isEmpty()) {
        model = Optional.of(a);
      } else if (unusable.isEmpty()) {
        unusable = Optional.of(value == null ? a : LANG + " " + value);
      }
    }
    return new LaunchArguments(model, language, unusable);
  }
}
