package io.quantlens.ui.state;

import io.quantlens.files.AtomicWrite;
import io.quantlens.files.UserDirs;
import io.quantlens.text.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The language chosen in View ▸ Language, kept for the next start: one line, the language's tag
 * ({@code en}, {@code vi}). Without one the window speaks the system's language.
 */
public final class SavedLanguage {
  private static final long MAX_BYTES = 64;

  private final Path store;

  private SavedLanguage(Path store) {
    this.store = store;
  }

  /** Kept in {@code ~/.config/quantlens/language} (XDG_CONFIG_HOME respected). */
  public static SavedLanguage inUserConfig() {
    return new SavedLanguage(UserDirs.config().resolve("language"));
  }

  /** Kept in {@code file}. */
  public static SavedLanguage in(Path file) {
    return new SavedLanguage(file);
  }

  /** Kept nowhere: for tests and windows that must not touch the user's settings. */
  public static SavedLanguage inMemory() {
    return new SavedLanguage(null);
  }

  /** The saved language, else the one {@code system} gets. */
  public Language orElse(Locale system) {
    return saved().orElse(Language.of(system));
  }

  /** The saved language; empty when none was saved or the file says nothing it knows. */
  public Optional<Language> saved() {
    if (store == null || !Files.isRegularFile(store)) {
      return Optional.empty();
    }
    try {
      if (Files.size(store) > MAX_BYTES) {
        return Optional.empty();
      }
      String tag = Files.readString(store, StandardCharsets.UTF_8).strip();
      return Arrays.stream(Language.values())
          .filter(l -> l.locale().getLanguage().equals(tag))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty(); // an unreadable choice is no choice; the next switch rewrites it
    }
  }

  public void save(Language language) {
    if (store == null) {
      return;
    }
    try {
      Files.createDirectories(store.getParent());
      byte[] line = (language.locale().getLanguage() + "\n").getBytes(StandardCharsets.UTF_8);
      AtomicWrite.writeStream(store, out -> out.write(line));
    } catch (IOException e) {
      // The window already speaks the new language; only the next start forgets it.
    }
  }
}
