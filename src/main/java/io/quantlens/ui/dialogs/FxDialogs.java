package io.quantlens.ui.dialogs;

import io.quantlens.text.Messages;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link Dialogs} as the platform's file choosers and a confirmation alert over the window. */
public final class FxDialogs implements Dialogs {
  private final Supplier<Window> owner;
  private final Messages m;

  /** Dialogs over {@code owner}, their buttons labelled in {@code m}'s language. */
  public FxDialogs(Supplier<Window> owner, Messages m) {
    this.owner = owner;
    this.m = m;
  }

  @Override
  public Optional<Path> openFile(String title, List<FileType> types) {
    return path(chooser(title, types).showOpenDialog(owner.get()));
  }

  @Override
  public List<Path> openFiles(String title, List<FileType> types) {
    List<File> files = chooser(title, types).showOpenMultipleDialog(owner.get());
    return files == null ? List.of() : files.stream().map(File::toPath).toList();
  }

  @Override
  public Optional<Path> saveFile(String title, String suggestedName, List<FileType> types) {
    FileChooser chooser = chooser(title, types);
    chooser.setInitialFileName(suggestedName);
    return path(chooser.showSaveDialog(owner.get()));
  }

  @Override
  public Optional<Path> folder(String title) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(title);
    return path(chooser.showDialog(owner.get()));
  }

  @Override
  public boolean confirm(String header, String text) {
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
    alert.initOwner(owner.get());
    alert.setHeaderText(header);
    DialogButtons.label(alert.getDialogPane(), m);
    return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
  }

  @Override
  public Optional<String> text(String header, String initial, Function<String, String> problem) {
    Dialog<String> dialog = new Dialog<>();
    dialog.initOwner(owner.get());
    dialog.setHeaderText(header);
    dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    DialogButtons.label(dialog.getDialogPane(), m);
    TextField field = new TextField(initial);
    field.setId("dialogText");
    Label error = new Label();
    error.setId("dialogTextProblem");
    error.getStyleClass().add("input-problem");
    error.setWrapText(true);
    Runnable check =
        () -> {
          String text = problem.apply(field.getText());
          error.setText(text == null ? "" : text);
          dialog.getDialogPane().lookupButton(ButtonType.OK).setDisable(text != null);
        };
    field.textProperty().addListener((obs, old, now) -> check.run());
    check.run();
    VBox content = new VBox(6, field, error);
    content.setPrefWidth(420);
    dialog.getDialogPane().setContent(content);
    dialog.setResultConverter(b -> b == ButtonType.OK ? field.getText() : null);
    field.requestFocus();
    return dialog.showAndWait();
  }

  private static FileChooser chooser(String title, List<FileType> types) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    for (FileType t : types) {
      chooser
          .getExtensionFilters()
          .add(new FileChooser.ExtensionFilter(t.description(), t.patterns()));
    }
    return chooser;
  }

  private static Optional<Path> path(File file) {
    return Optional.ofNullable(file).map(File::toPath);
  }
}
