package io.quantlens.ui.app;

import static org.junit.jupiter.api.Assertions.fail;

import io.quantlens.ui.dialogs.Dialogs;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Dialogs for window tests: a test that opens one has taken a path it did not mean to, except a
 * text question it has queued an answer for with {@link #answerText}.
 */
final class NoDialogs implements Dialogs {
  private final Deque<String> texts = new ArrayDeque<>();
  private final Deque<String> problems = new ArrayDeque<>();
  private final Deque<Path> folders = new ArrayDeque<>();
  private final Deque<String> folderTitles = new ArrayDeque<>();
  private final Deque<Path> saves = new ArrayDeque<>();

  /** The next save dialog is answered with {@code file}. */
  void answerSave(Path file) {
    saves.add(file);
  }

  /** The next folder dialog is answered with {@code folder} (as if the user chose it). */
  void answerFolder(Path folder) {
    folders.add(folder);
  }

  /** The titles of the folder dialogs answered, oldest first. */
  Deque<String> folderTitles() {
    return folderTitles;
  }

  /**
   * The next text question is answered with {@code text} (as if the user typed it and chose OK).
   */
  void answerText(String text) {
    texts.add(text);
  }

  /** What the dialog said about each answered text (empty when it had no problem), oldest first. */
  Deque<String> problems() {
    return problems;
  }

  @Override
  public Optional<String> text(String header, String initial, Function<String, String> problem) {
    if (texts.isEmpty()) {
      return fail("unexpected text question: " + header);
    }
    String text = texts.remove();
    String wrong = problem.apply(text);
    problems.add(wrong == null ? "" : wrong);
    // The real dialog cannot be confirmed with a problem: the user is left to cancel it.
    return wrong == null ? Optional.of(text) : Optional.empty();
  }

  @Override
  public Optional<Path> openFile(String title, List<FileType> types) {
    return fail("unexpected file dialog: " + title);
  }

  @Override
  public Optional<Path> saveFile(String title, String suggestedName, List<FileType> types) {
    if (saves.isEmpty()) {
      return fail("unexpected save dialog: " + title);
    }
    return Optional.of(saves.remove());
  }

  @Override
  public Optional<Path> folder(String title) {
    if (folders.isEmpty()) {
      return fail("unexpected folder dialog: " + title);
    }
    folderTitles.add(title);
    return Optional.of(folders.remove());
  }

  @Override
  public boolean confirm(String header, String text) {
    return fail("unexpected confirmation: " + header);
  }
}
