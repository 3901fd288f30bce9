package io.quantlens.ui.app;

import static org.junit.jupiter.api.Assertions.fail;

import io.quantlens.ui.dialogs.Dialogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Dialogs for window tests: a test that opens one has taken a path it did not mean to. */
final class NoDialogs implements Dialogs {
  @Override
  public Optional<Path> openFile(String title, List<FileType> types) {
    return fail("unexpected file dialog: " + title);
  }

  @Override
  public Optional<Path> saveFile(String title, String suggestedName, List<FileType> types) {
    return fail("unexpected save dialog: " + title);
  }

  @Override
  public Optional<Path> folder(String title) {
    return fail("unexpected folder dialog: " + title);
  }

  @Override
  public boolean confirm(String header, String text) {
    return fail("unexpected confirmation: " + header);
  }
}
