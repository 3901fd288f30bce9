package io.quantlens.ui.export;

import io.quantlens.text.Messages;
import io.quantlens.ui.state.Appearance;
import io.quantlens.ui.state.OpenModel;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The scene of a window beside the workbench (accuracy, lessons). */
public final class SideWindow {
  private SideWindow() {}

  /**
   * {@code owner}'s stylesheets, the dark style class on {@code root} following the theme (the
   * theme itself is global), the size asked for but never larger than the screen.
   */
  public static Scene scene(
      Window owner, Parent root, Appearance appearance, double width, double height) {
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Scene scene =
        new Scene(
            root, Math.min(width, screen.getWidth()), Math.min(height, screen.getHeight() - 30));
    if (owner.getScene() != null) {
      scene.getStylesheets().setAll(owner.getScene().getStylesheets());
    }
    theme(root, appearance.dark().get());
    appearance.dark().addListener((obs, old, now) -> theme(root, now));
    return scene;
  }

  /**
   * A stage owned by {@code owner} whose title names the open model: {@code titleWithKey} with the
   * model's title, or {@code titleKey} while none is open.
   */
  public static Stage stage(
      Window owner,
      ObservableValue<OpenModel> opened,
      Messages m,
      String titleKey,
      String titleWithKey,
      Scene scene) {
    Stage stage = new Stage();
    stage.initOwner(owner);
    stage
        .titleProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    opened.getValue() == null
                        ? m.get(titleKey)
                        : m.get(titleWithKey, opened.getValue().title()),
                opened));
    stage.setScene(scene);
    return stage;
  }

  private static void theme(Parent root, boolean dark) {
    root.getStyleClass().remove("dark");
    if (dark) {
      root.getStyleClass().add("dark");
    }
  }
}
