package io.quantlens.ui.lessons;

import atlantafx.base.theme.Styles;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.lessons.TestSignal;
import io.quantlens.charts.ChartStyle;
import io.quantlens.model.Layer;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPane;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.task.TaskProgressBar;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableObjectValue;
import javafx.concurrent.Worker;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One lesson: a title, a short explanation, the signal and the lesson's sliders, a line of numbers,
 * live charts side by side, and a button that applies the lesson's plan to the real model. Every
 * number comes from {@code analysis.lessons}.
 */
abstract class LessonPage extends ScrollPane {
  final LessonContext context;
  private final String id;
  private final ComboBox<LessonSignal> signal = new ComboBox<>();
  private final Button tryIt = new Button();
  // A disabled button shows no tooltip: the reason it is off hangs on the box around it.
  private final HBox tryBox = new HBox(tryIt);
  private final Tooltip tryTip = new Tooltip();
  private boolean tipShown;
  private final boolean signalled;
  private ChartPane[] charts = new ChartPane[0];
  private int presented = -1;

  /** Stops following the presented chart's bounds; null when none is followed. */
  private Runnable shownBounds;

  private VBox page;
  private LessonSignal cachedFor;
  private float[] cached;

  LessonPage(LessonContext context, String id) {
    this(context, id, true);
  }

  /** {@code signalled} false for a lesson that brings its own data and offers no signal. */
  LessonPage(LessonContext context, String id, boolean signalled) {
    this.context = context;
    this.id = id;
    this.signalled = signalled;
    setFitToWidth(true);
    signal.setId(id + "Signal");
    tryIt.setId(id + "Try");
    refillSignals();
    signal.getSelectionModel().select(0);
    signal
        .valueProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null) {
                update();
              }
            });
    context.selectedLayer().addListener((obs, old, now) -> refillSignals());
    context.opened().addListener((obs, old, now) -> refillSignals());
    tryIt.setOnAction(
        e -> {
          PrecisionPlan plan = realPlan();
          if (plan != null) {
            context.tryPlan().accept(plan, context.messages().get(id + ".title"));
          }
        });
  }

  /** Lays the page out; call once from the subclass's constructor. */
  final void build(
      String title, String text, List<Node> controls, Label numbers, ChartPane... charts) {
    Messages m = context.messages();
    Label heading = new Label(title);
    heading.getStyleClass().add(Styles.TITLE_3);
    Label explanation = new Label(text);
    explanation.setId(id + "Text");
    explanation.setWrapText(true);
    explanation.setMinHeight(Region.USE_PREF_SIZE);
    List<Node> row = new ArrayList<>();
    if (signalled) {
      row.add(labelled(m.get("lesson.signal"), signal));
    }
    row.addAll(controls);
    FlowPane controlRow = new FlowPane(16, 8, row.toArray(Node[]::new));
    controlRow.setAlignment(Pos.CENTER_LEFT);
    numbers.setWrapText(true);
    numbers.setMinHeight(Region.USE_PREF_SIZE);
    numbers.getStyleClass().add(Styles.TEXT_MUTED);
    this.charts = charts.clone();
    HBox chartRow = new HBox(8, charts);
    for (ChartPane chart : charts) {
      HBox.setHgrow(chart, Priority.ALWAYS);
      chart.setMinSize(320, 260);
      chart.setPrefSize(480, 320);
    }
    tryIt.setText(m.get("lesson.try"));
    context.opened().addListener((obs, old, now) -> refreshTry());
    for (Label label : List.of(explanation, numbers)) {
      label.setMinWidth(0);
      label.setMaxWidth(Double.MAX_VALUE);
    }
    tryBox.setMaxWidth(Region.USE_PREF_SIZE);
    page = new VBox(10, heading, explanation, controlRow, numbers, chartRow, tryBox);
    page.setPadding(new Insets(14));
    setContent(page);
  }

  /**
   * A button that starts a measurement on the open model, off with no model open and while {@code
   * running} holds a task; beside it while one runs, a Cancel button and the task's progress.
   * Cancel stops the task (it checks between units of work) and the page stays as it was, with no
   * notice.
   */
  final Node measureButton(
      String text, String id, ObservableObjectValue<? extends Worker<?>> running, Runnable action) {
    Button button = new Button(text);
    button.setId(id);
    button.setOnAction(e -> action.run());
    button
        .disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> context.opened().getValue() == null || running.get() != null,
                context.opened(),
                running));
    Button cancel = new Button(context.messages().get("action.cancel"));
    cancel.setId(this.id + "Cancel");
    cancel.visibleProperty().bind(Bindings.isNotNull(running));
    cancel.managedProperty().bind(cancel.visibleProperty());
    cancel.setOnAction(
        e -> {
          Worker<?> task = running.get();
          if (task != null) {
            task.cancel();
          }
        });
    HBox box = new HBox(8, button, cancel, TaskProgressBar.of(running, this.id + "Progress"));
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  /** Adds {@code node} below the charts, above the try button. */
  final void extra(Node node) {
    page.getChildren().add(page.getChildren().size() - 1, node);
  }

  /** How many charts the page has. */
  final int chartCount() {
    return charts.length;
  }

  /**
   * Presenter mode: only chart {@code k} shows, across the page, its type at {@link
   * ChartStyle#PRESENTER_SCALE}, scrolled into view; −1 shows them all side by side at the usual
   * size.
   */
  final void present(int k) {
    presented = k;
    for (int i = 0; i < charts.length; i++) {
      boolean shown = k < 0 || i == k;
      charts[i].setVisible(shown);
      charts[i].setManaged(shown);
      charts[i].setPrefHeight(k < 0 ? 320 : 480);
      charts[i].setFontScale(k < 0 ? 1f : ChartStyle.PRESENTER_SCALE);
    }
    if (shownBounds != null) {
      shownBounds.run();
      shownBounds = null;
    }
    if (k >= 0) {
      // again whenever the chart, the page around it or the viewport changes size: the chart's new
      // height and fonts, and the text wrapping above it, settle over a few pulses
      Node chart = charts[k];
      Node content = getContent();
      javafx.beans.InvalidationListener scroll =
          obs -> Platform.runLater(() -> scrollToShow(chart));
      chart.boundsInParentProperty().addListener(scroll);
      content.layoutBoundsProperty().addListener(scroll);
      viewportBoundsProperty().addListener(scroll);
      shownBounds =
          () -> {
            chart.boundsInParentProperty().removeListener(scroll);
            content.layoutBoundsProperty().removeListener(scroll);
            viewportBoundsProperty().removeListener(scroll);
          };
      Platform.runLater(() -> scrollToShow(chart));
    }
  }

  /**
   * Scrolls as little as needed for {@code node}'s bottom to be in view, so the explanation above
   * it scrolls away before the sliders and numbers do (a 1024 × 700 window holds the chart and its
   * sliders, not the whole page).
   */
  private void scrollToShow(Node node) {
    applyCss();
    layout();
    Node content = getContent();
    double contentHeight = content.getLayoutBounds().getHeight();
    double viewHeight = getViewportBounds().getHeight();
    if (contentHeight <= viewHeight) {
      return;
    }
    Bounds shown = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
    double top = Math.max(0, Math.min(shown.getMaxY(), contentHeight) - viewHeight);
    setVvalue(getVmin() + (getVmax() - getVmin()) * top / (contentHeight - viewHeight));
  }

  /** The chart shown alone in presenter mode, or −1. */
  final int presented() {
    return presented;
  }

  /** Redraws the numbers and charts for the current signal and sliders. */
  abstract void update();

  /**
   * The try button is on when a model is open and the sliders name a plan the workbench has; off
   * with a model open, its tooltip says why when the lesson can tell.
   */
  final void refreshTry() {
    boolean open = context.opened().getValue() != null;
    boolean off = !open || realPlan() == null;
    tryIt.setDisable(off);
    String why = off && open ? noPlanReason() : null;
    if (why != null) {
      tryTip.setText(why);
    }
    if ((why != null) != tipShown) {
      tipShown = why != null;
      if (tipShown) {
        Tooltip.install(tryBox, tryTip);
      } else {
        Tooltip.uninstall(tryBox, tryTip);
      }
    }
    tryIt.setTooltip(tipShown ? tryTip : null);
  }

  /** Why the sliders name no plan to try, for the try button's tooltip; null to say nothing. */
  String noPlanReason() {
    return null;
  }

  /** The plan "try it on the real model" applies, or null when the sliders have no such plan. */
  abstract PrecisionPlan realPlan();

  /** The chosen signal's values, read once per signal. */
  final float[] values() {
    LessonSignal chosen = signal.getValue();
    if (chosen != cachedFor) {
      cached = chosen.values();
      cachedFor = chosen;
    }
    return cached;
  }

  ComboBox<LessonSignal> signal() {
    return signal;
  }

  static Slider slider(double min, double max, double value, double step) {
    Slider s = new Slider(min, max, value);
    s.setMajorTickUnit(step);
    s.setMinorTickCount(0);
    s.setBlockIncrement(step);
    s.setSnapToTicks(true);
    s.setPrefWidth(180);
    return s;
  }

  /** A caption, the control, and for a slider its value as {@code format} writes it. */
  static Node labelled(String caption, Node control) {
    HBox box = new HBox(6, new Label(caption), control);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  static Node labelled(String caption, Slider slider, DoubleFunction<String> format) {
    Label value = new Label(format.apply(slider.getValue()));
    value.setMinWidth(48);
    slider
        .valueProperty()
        .addListener((obs, old, now) -> value.setText(format.apply(now.doubleValue())));
    HBox box = new HBox(6, new Label(caption), slider, value);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  /** The test signals, and the selected layer's weights when a model is open. */
  private void refillSignals() {
    Messages m = context.messages();
    List<LessonSignal> items = new ArrayList<>();
    for (TestSignal s : TestSignal.values()) {
      items.add(LessonSignal.of(s, m));
    }
    OpenModel open = context.opened().getValue();
    String selected = context.selectedLayer().getValue();
    if (open != null && selected != null) {
      open.session().model().layers().stream()
          .filter(l -> l.name().equals(selected))
          .findFirst()
          .map((Layer l) -> LessonSignal.of(l, m))
          .ifPresent(items::add);
    }
    LessonSignal was = signal.getValue();
    LessonSignal last = items.get(items.size() - 1);
    // A lesson showing the selected layer follows the selection to the next layer.
    LessonSignal keep =
        was == null
            ? items.get(0)
            : items.contains(was)
                ? was
                : was.layer() != null && last.layer() != null ? last : items.get(0);
    signal.getItems().setAll(items);
    signal.setValue(keep);
  }
}
