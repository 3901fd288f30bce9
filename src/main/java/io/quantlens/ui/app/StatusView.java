package io.quantlens.ui.app;

import io.quantlens.analysis.PlanDescription;
import io.quantlens.analysis.PlanSummary;
import io.quantlens.text.Messages;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.task.TaskRunner;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.TaskProgressView;

/**
 * The status bar: the model, its parameters, the plan in a line, and the background work with its
 * progress; clicking the work shows every task with a cancel button.
 */
final class StatusView extends StatusBar {
  private final Workspace workspace;
  private final PlanEditor plans;
  private final TaskRunner tasks;
  private final Messages m;
  private final Label work = new Label();
  private final Button cancel = new Button();

  StatusView(Workspace workspace, PlanEditor plans) {
    this.workspace = workspace;
    this.plans = plans;
    this.tasks = workspace.services().tasks();
    this.m = workspace.services().messages();
    setId("statusBar");
    work.setId("statusWork");
    work.getStyleClass().add("status-work");
    cancel.setId("cancelTask");
    cancel.setText(m.get("action.cancel"));
    cancel.getStyleClass().addAll("flat", "small");
    cancel.setOnAction(e -> newest().ifPresent(t -> t.cancel(true)));
    TaskProgressView<Task<?>> list = new TaskProgressView<>();
    Bindings.bindContent(list.getTasks(), tasks.running());
    list.setPrefSize(420, 240);
    work.setOnMouseClicked(
        e -> {
          if (!tasks.running().isEmpty()) {
            new PopOver(list).show(work);
          }
        });
    getRightItems().addAll(work, cancel);
    plans.summary().addListener((obs, old, now) -> showText());
    workspace.opened().addListener((obs, old, now) -> showText());
    tasks.running().addListener((ListChangeListener<Task<?>>) c -> showWork());
    showText();
    showWork();
  }

  private Optional<Task<?>> newest() {
    var running = tasks.running();
    return running.isEmpty() ? Optional.empty() : Optional.of(running.get(running.size() - 1));
  }

  private void showText() {
    OpenModel open = workspace.opened().get();
    PlanSummary s = plans.summary().get();
    if (open == null || s == null) {
      setText(m.get("status.noModel"));
      return;
    }
    long params =
        open.analysis().model().layers().stream().mapToLong(l -> l.parameterCount()).sum();
    setText(
        m.get(
            "status.model",
            open.title(),
            m.numbers().count(params),
            PlanDescription.of(plans.plan().get(), open.session().model(), m),
            m.numbers().bytes(s.storedBytes()),
            m.numbers().db(s.sqnrDb())));
  }

  private void showWork() {
    var running = tasks.running();
    progressProperty().unbind();
    work.textProperty().unbind();
    if (running.isEmpty()) {
      work.setText(m.get("status.idle"));
      setProgress(0);
      cancel.setVisible(false);
      return;
    }
    Task<?> task = running.get(running.size() - 1);
    progressProperty().bind(task.progressProperty());
    int others = running.size() - 1;
    // The bar alone is a sliver early in a long run (an image model measured for minutes): the
    // share done is written beside the title.
    work.textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> {
                  String title =
                      task.getProgress() > 0
                          ? m.get(
                              "status.progress",
                              task.getTitle(),
                              m.numbers().percent(task.getProgress()))
                          : task.getTitle();
                  return others == 0 ? title : m.get("status.tasks", title, others);
                },
                task.titleProperty(),
                task.progressProperty()));
    cancel.setVisible(true);
  }
}
