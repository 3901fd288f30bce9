package io.quantlens.ui.task;

import javafx.beans.value.ObservableObjectValue;
import javafx.concurrent.Worker;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/** A progress bar and the step's message for whichever task {@code running} holds; hidden idle. */
public final class TaskProgressBar {
  private TaskProgressBar() {}

  /** The bar and message; the message label gets {@code textId} for tests and styles. */
  public static HBox of(ObservableObjectValue<? extends Worker<?>> running, String textId) {
    ProgressBar bar = new ProgressBar();
    bar.setPrefWidth(220);
    Label text = new Label();
    text.setId(textId);
    HBox box = new HBox(8, bar, text);
    box.setAlignment(Pos.CENTER_LEFT);
    box.visibleProperty().bind(javafx.beans.binding.Bindings.isNotNull(running));
    box.managedProperty().bind(box.visibleProperty());
    running.addListener(
        (obs, old, task) -> {
          bar.progressProperty().unbind();
          text.textProperty().unbind();
          if (task != null) {
            bar.progressProperty().bind(task.progressProperty());
            text.textProperty().bind(task.messageProperty());
          }
        });
    return box;
  }
}
