package io.quantlens.ui.dialogs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The questions the window asks the user: which file, which folder, and whether to go on. Actions
 * ask through this, so they can be driven in tests without a stage or a native dialog.
 */
public interface Dialogs {
  /** A file-type choice in a file dialog, e.g. {@code CSV} with {@code *.csv}. */
  record FileType(String description, List<String> patterns) {
    public FileType(String description, String... patterns) {
      this(description, List.of(patterns));
    }
  }

  Optional<Path> openFile(String title, List<FileType> types);

  /** One or more files to open; empty when the user cancels. */
  default List<Path> openFiles(String title, List<FileType> types) {
    return openFile(title, types).map(List::of).orElse(List.of());
  }

  Optional<Path> saveFile(String title, String suggestedName, List<FileType> types);

  Optional<Path> folder(String title);

  /** True when the user agrees; {@code header} is the question, {@code text} the details. */
  boolean confirm(String header, String text);

  /**
   * A line of text, e.g. a scheme, or empty when the user cancels; {@code problem} says what is
   * wrong with a text (null when it is fine), and a text with a problem cannot be confirmed.
   */
  Optional<String> text(String header, String initial, Function<String, String> problem);
}
