package io.quantlens.ui.lessons;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.ui.export.ChartPanes;
import io.quantlens.ui.state.Appearance;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.text.Messages;
import java.util.function.BiConsumer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Help ▸ Lessons and the toolbar's Teach button: a window of lessons a teacher can run in front of
 * a class, one tab each, with the workbench's stylesheets and theme; made on first use.
 */
public final class LessonsWindow {
  private final Window owner;
  private final Appearance appearance;
  private final Messages m;
  private final LessonContext context;
  private TabPane tabs;
  private StepNoiseLesson stepNoise;
  private BitsLesson bits;
  private GranularityLesson granularity;
  private Stage stage;

  public LessonsWindow(
      Window owner,
      Appearance appearance,
      Messages m,
      ChartPanes charts,
      ObservableValue<OpenModel> opened,
      ObservableValue<String> selectedLayer,
      BiConsumer<PrecisionPlan, String> tryPlan) {
    this.owner = owner;
    this.appearance = appearance;
    this.m = m;
    this.context = new LessonContext(m, charts, opened, selectedLayer, tryPlan);
  }

  /** Opens the window (made on first use) on its first lesson, or brings it to the front. */
  public void show() {
    if (stage == null) {
      stepNoise = new StepNoiseLesson(context);
      bits = new BitsLesson(context);
      Tab first = new Tab(m.get("lesson1.tab"), stepNoise);
      first.setId("lesson1Tab");
      Tab second = new Tab(m.get("lesson2.tab"), bits);
      second.setId("lesson2Tab");
      granularity = new GranularityLesson(context);
      Tab third = new Tab(m.get("lesson3.tab"), granularity);
      third.setId("lesson3Tab");
      tabs = new TabPane(first, second, third);
      tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
      tabs.setId("lessonTabs");
      stage = new Stage();
      stage.initOwner(owner);
      stage.setTitle(m.get("lessons.title"));
      Scene scene = new Scene(tabs, 1040, 760);
      if (owner.getScene() != null) {
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
      }
      stage.setScene(scene);
      theme(appearance.dark().get());
      appearance.dark().addListener((obs, old, dark) -> theme(dark));
    }
    stage.show();
    stage.toFront();
  }

  /** The stage once shown, else null. */
  public Stage stage() {
    return stage;
  }

  /** The lessons' tabs once shown, else null. */
  public TabPane tabs() {
    return tabs;
  }

  StepNoiseLesson stepNoise() {
    return stepNoise;
  }

  BitsLesson bits() {
    return bits;
  }

  GranularityLesson granularity() {
    return granularity;
  }

  private void theme(boolean dark) {
    tabs.getStyleClass().remove("dark");
    if (dark) {
      tabs.getStyleClass().add("dark");
    }
  }
}
