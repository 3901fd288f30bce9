package io.quantlens.ui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quantlens.text.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language chosen in the window is the one the next start speaks; a bad file is no choice. */
class SavedLanguageTest {
  @TempDir Path dir;

  @Test
  void aSavedChoiceWinsOverTheSystemLanguage() throws IOException {
    Path file = dir.resolve("config").resolve("language");
    assertEquals(Language.ENGLISH, SavedLanguage.in(file).orElse(Locale.GERMANY));
    assertEquals(Language.VIETNAMESE, SavedLanguage.in(file).orElse(new Locale("vi", "VN")));
    SavedLanguage.in(file).save(Language.VIETNAMESE);
    assertEquals("vi\n", Files.readString(file));
    assertEquals(Language.VIETNAMESE, SavedLanguage.in(file).orElse(Locale.US));
    SavedLanguage.in(file).save(Language.ENGLISH);
    assertEquals(Language.ENGLISH, SavedLanguage.in(file).orElse(new Locale("vi", "VN")));
  }

  @Test
  void anUnknownOversizedOrNonRegularFileIsNoChoice() throws IOException {
    Path file = dir.resolve("language");
    Files.writeString(file, "fr\n");
    assertFalse(SavedLanguage.in(file).saved().isPresent());
    Files.writeString(file, "vi".repeat(1000));
    assertFalse(SavedLanguage.in(file).saved().isPresent());
    Path folder = Files.createDirectory(dir.resolve("folder"));
    assertFalse(SavedLanguage.in(folder).saved().isPresent());
    assertFalse(SavedLanguage.inMemory().saved().isPresent());
  }
}
