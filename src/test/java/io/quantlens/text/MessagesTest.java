package io.quantlens.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every string key the window's code asks for is in the English bundle. */
class MessagesTest {
  private static final Path UI =
      Path.of(System.getProperty("basedir", "."), "src/main/java/io/quantlens/ui");

  /** Literals shaped like bundle keys: {@code section.name}, lower camel case. */
  private static final Pattern KEY = Pattern.compile("\"([a-z]+\\.[a-z][a-zA-Z.]*)\"");

  /** System properties, the base name of another bundle and file names, which look like keys. */
  private static final Set<String> NOT_KEYS =
      Set.of(
          "quantlens.timing",
          "user.home",
          "io.quantlens.ui.timing",
          "javafx.runtime.version",
          "io.quantlens.text.catalog",
          "model.safetensors");

  @Test
  void everyKeyUsedByTheWindowExists() throws IOException {
    Messages messages = Messages.forLocale(Locale.ENGLISH);
    Set<String> missing = new TreeSet<>();
    int found = 0;
    try (Stream<Path> files = Files.walk(UI)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = KEY.matcher(Files.readString(file));
        while (m.find()) {
          String key = m.group(1);
          if (key.matches(".*\\.(css|png|csv|json|txt)")
              || key.startsWith("/")
              || NOT_KEYS.contains(key)) {
            continue;
          }
          found++;
          if (key.endsWith(".")) {
            // A prefix completed at run time ("info.fact." + fact key): some key must start so.
            if (messages.bundle().keySet().stream().noneMatch(k -> k.startsWith(key))) {
              missing.add(key + "* (" + file.getFileName() + ")");
            }
          } else if (!messages.bundle().containsKey(key)) {
            missing.add(key + " (" + file.getFileName() + ")");
          }
        }
      }
    }
    assertTrue(found > 100, "only " + found + " keys found: is the pattern right?");
    assertEquals(Set.of(), missing);
  }

  @Test
  void patternsAreFilledIn() {
    Messages messages = Messages.forLocale(Locale.ENGLISH);
    assertEquals("Set 3 layers to int8", messages.get("undo.setLayers", 3, "int8"));
    assertEquals("QuantLens \u2014 a.onnx", messages.get("app.titleWith", "a.onnx"));
  }
}
