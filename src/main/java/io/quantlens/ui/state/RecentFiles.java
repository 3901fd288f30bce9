package io.quantlens.ui.state;

import io.quantlens.files.AtomicWrite;
import io.quantlens.files.UserDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Recently opened models (paths or sample names), newest first, kept in a text file of the user's
 * configuration folder; with no file they live only as long as the window.
 */
public final class RecentFiles {
  private static final int LIMIT = 10;

  private final Path store;
  private final ObservableList<String> entries = FXCollections.observableArrayList();

  private RecentFiles(Path store) {
    this.store = store;
    if (store != null && Files.isRegularFile(store)) {
      try {
        Files.readAllLines(store, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .limit(LIMIT)
            .forEach(entries::add);
      } catch (IOException e) {
        // An unreadable list is an empty one; it is rewritten on the next open.
      }
    }
  }

  /** Kept in {@code ~/.config/quantlens/recent.txt} (XDG_CONFIG_HOME respected). */
  public static RecentFiles inUserConfig() {
    return new RecentFiles(UserDirs.config().resolve("recent.txt"));
  }

  public static RecentFiles inMemory() {
    return new RecentFiles(null);
  }

  public ObservableList<String> entries() {
    return entries;
  }

  public void add(String source) {
    List<String> next = new ArrayList<>(entries);
    next.remove(source);
    next.add(0, source);
    entries.setAll(next.subList(0, Math.min(LIMIT, next.size())));
    save();
  }

  private void save() {
    if (store == null) {
      return;
    }
    try {
      String text = String.join("\n", entries) + "\n";
      AtomicWrite.writeStream(store, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      // Losing the recent list is not worth interrupting the user for.
    }
  }
}
