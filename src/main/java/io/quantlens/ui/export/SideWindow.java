package io.quantlens.ui.export;

import io.quantlens.ui.state.Appearance;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
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

  private static void theme(Parent root, boolean dark) {
    root.getStyleClass().remove("dark");
    if (dark) {
      root.getStyleClass().add("dark");
    }
  }
}
