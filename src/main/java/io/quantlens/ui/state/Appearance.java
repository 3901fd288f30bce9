package io.quantlens.ui.state;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Window;

/** How the window looks, as the user set it; a project keeps it. */
public final class Appearance {
  private final BooleanProperty dark = new SimpleBooleanProperty();

  /** True for the dark theme; charts on screen follow it, exported figures do not. */
  public BooleanProperty dark() {
    return dark;
  }

  /**
   * A scene for a window beside the workbench: {@code owner}'s stylesheets, the dark style class on
   * {@code root} following the theme (the theme itself is global), and the size asked for but never
   * larger than the screen.
   */
  public Scene sideScene(Window owner, Parent root, double width, double height) {
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Scene scene =
        new Scene(
            root, Math.min(width, screen.getWidth()), Math.min(height, screen.getHeight() - 30));
    if (owner.getScene() != null) {
      scene.getStylesheets().setAll(owner.getScene().getStylesheets());
    }
    theme(root, dark.get());
    dark.addListener((obs, old, now) -> theme(root, now));
    return scene;
  }

  private static void theme(Parent root, boolean dark) {
    root.getStyleClass().remove("dark");
    if (dark) {
      root.getStyleClass().add("dark");
    }
  }
}
