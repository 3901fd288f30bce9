package io.quantlens.ui.accuracy;

import io.quantlens.text.Messages;
import io.quantlens.ui.activations.ActivationsView;
import io.quantlens.ui.state.Appearance;
import io.quantlens.ui.state.OpenModel;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A window beside the workbench with what measured accuracy says per layer and per sample: the
 * sensitivity ranking, the flipped samples and the activations, one tab each. It takes the
 * workbench's stylesheets and theme, and is made on first use.
 */
public final class AccuracyWindow {
  private final Window owner;
  private final Appearance appearance;
  private final Messages m;
  private final ObservableValue<OpenModel> opened;
  private final TabPane tabs = new TabPane();
  private final Tab sensitivityTab;
  private final Tab flippedTab;
  private final Tab activationsTab;
  private Stage stage;

  public AccuracyWindow(
      Window owner,
      SensitivityView sensitivity,
      FlippedSamplesView flipped,
      ActivationsView activations,
      ObservableValue<OpenModel> opened,
      Appearance appearance,
      Messages m) {
    this.owner = owner;
    this.opened = opened;
    this.appearance = appearance;
    this.m = m;
    sensitivityTab = new Tab(m.get("accuracyWindow.sensitivity"), sensitivity);
    sensitivityTab.setId("sensitivityTab");
    flippedTab = new Tab(m.get("accuracyWindow.flipped"), flipped);
    flippedTab.setId("flippedTab");
    activationsTab = new Tab(m.get("accuracyWindow.activations"), activations);
    activationsTab.setId("activationsTab");
    tabs.getTabs().addAll(sensitivityTab, flippedTab, activationsTab);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.setId("accuracyTabs");
  }

  public void showSensitivity() {
    show(sensitivityTab);
  }

  public void showFlipped() {
    show(flippedTab);
  }

  public void showActivations() {
    show(activationsTab);
  }

  /** The window's stage once shown, else null. */
  public Stage stage() {
    return stage;
  }

  private void show(Tab tab) {
    tabs.getSelectionModel().select(tab);
    if (stage == null) {
      // Beside the workbench, the window says which model its numbers are about.
      stage =
          io.quantlens.ui.export.SideWindow.stage(
              owner,
              opened,
              m,
              "accuracyWindow.title",
              "accuracyWindow.titleWith",
              io.quantlens.ui.export.SideWindow.scene(owner, tabs, appearance, 960, 680));
    }
    stage.show();
    stage.toFront();
  }
}
