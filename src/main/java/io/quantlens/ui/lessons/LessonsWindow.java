package io.quantlens.ui.lessons;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.text.Messages;
import io.quantlens.ui.export.ChartPanes;
import io.quantlens.ui.state.Appearance;
import io.quantlens.ui.state.OpenModel;
import java.util.function.BiConsumer;
import javafx.beans.value.ObservableValue;
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
  private javafx.scene.layout.BorderPane root;
  private final javafx.scene.control.ToggleButton presenter =
      new javafx.scene.control.ToggleButton();
  private Stage stage;

  public LessonsWindow(
      Window owner,
      Appearance appearance,
      Messages m,
      ChartPanes charts,
      ObservableValue<OpenModel> opened,
      ObservableValue<String> selectedLayer,
      BiConsumer<PrecisionPlan, String> tryPlan,
      io.quantlens.ui.state.BitErrorState bitErrors,
      java.util.function.Function<PrecisionPlan, io.quantlens.cost.ModelCost> cost,
      io.quantlens.ui.state.ClaimsState claims,
      io.quantlens.ui.state.MixedPrecisionState mixed) {
    this.owner = owner;
    this.appearance = appearance;
    this.m = m;
    this.context =
        new LessonContext(
            m, charts, opened, selectedLayer, tryPlan, bitErrors, cost, claims, mixed);
  }

  /** Opens the window (made on first use) on its first lesson, or brings it to the front. */
  public void show() {
    if (stage == null) {
      tabs =
          new TabPane(
              tab(1, new StepNoiseLesson(context)),
              tab(2, new BitsLesson(context)),
              tab(3, new GranularityLesson(context)),
              tab(4, new FloatLesson(context)),
              tab(5, new BitErrorLesson(context)),
              tab(6, new EnergyLesson(context)),
              tab(7, new MythLesson(context)),
              tab(8, new MixedPrecisionLesson(context)));
      tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
      tabs.setId("lessonTabs");
      presenter.setText(m.get("lessons.presenter"));
      presenter.setId("presenterToggle");
      presenter.setTooltip(new javafx.scene.control.Tooltip(m.get("lessons.presenterTip")));
      presenter.selectedProperty().addListener((obs, old, on) -> present(on));
      javafx.scene.control.ToolBar bar = new javafx.scene.control.ToolBar(presenter);
      root = new javafx.scene.layout.BorderPane(tabs, bar, null, null, null);
      root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, this::key);
      tabs.getSelectionModel()
          .selectedItemProperty()
          .addListener(
              (obs, old, now) -> {
                if (presenting()) {
                  ((LessonPage) old.getContent()).present(-1);
                  page().present(0);
                }
              });
      stage = new Stage();
      stage.initOwner(owner);
      stage.setTitle(m.get("lessons.title"));
      stage.setScene(io.quantlens.ui.export.SideWindow.scene(owner, root, appearance, 1040, 760));
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

  /** Presenter mode on or off: large type, one chart at a time, the arrow keys step through. */
  private void present(boolean on) {
    root.getStyleClass().remove("presenter");
    if (on) {
      root.getStyleClass().add("presenter");
    }
    page().present(on ? 0 : -1);
  }

  /** True while presenter mode is on. */
  public boolean presenting() {
    return presenter.isSelected();
  }

  /**
   * In presenter mode, Right / Page Down show the next chart, then the next lesson; Left / Page Up
   * go back; Escape ends presenter mode. F5 starts it.
   */
  void key(javafx.scene.input.KeyEvent e) {
    switch (e.getCode()) {
      case F5 -> presenter.setSelected(true);
      case ESCAPE -> presenter.setSelected(false);
      case RIGHT, PAGE_DOWN -> step(1);
      case LEFT, PAGE_UP -> step(-1);
      default -> {
        return;
      }
    }
    e.consume();
  }

  /** One chart on or back, across lessons; does nothing out of presenter mode. */
  void step(int by) {
    if (!presenting()) {
      return;
    }
    LessonPage page = page();
    int next = page.presented() + by;
    int tab = tabs.getSelectionModel().getSelectedIndex();
    if (next >= 0 && next < page.chartCount()) {
      page.present(next);
    } else if (tab + by >= 0 && tab + by < tabs.getTabs().size()) {
      page.present(-1);
      tabs.getSelectionModel().select(tab + by);
      LessonPage now = page();
      now.present(by > 0 ? 0 : now.chartCount() - 1);
    }
  }

  private Tab tab(int number, LessonPage lesson) {
    Tab tab = new Tab(m.get("lesson" + number + ".tab"), lesson);
    tab.setId("lesson" + number + "Tab");
    return tab;
  }

  private LessonPage page() {
    return (LessonPage) tabs.getSelectionModel().getSelectedItem().getContent();
  }
}
