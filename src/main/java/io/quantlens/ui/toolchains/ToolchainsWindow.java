package io.quantlens.ui.toolchains;

import io.quantlens.text.Messages;
import io.quantlens.ui.export.SideWindow;
import io.quantlens.ui.state.Appearance;
import io.quantlens.ui.state.OpenModel;
import javafx.beans.value.ObservableValue;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A window beside the workbench comparing the files toolchains made with the open model, its
 * original. It takes the workbench's stylesheets and theme, and is made on first use.
 */
public final class ToolchainsWindow {
  /** The window's size on a screen large enough for it. */
  static final double WIDTH = 1280;

  static final double HEIGHT = 780;

  private final Window owner;
  private final ToolchainsView view;
  private final ObservableValue<OpenModel> opened;
  private final Appearance appearance;
  private final Messages m;
  private Stage stage;

  public ToolchainsWindow(
      Window owner,
      ToolchainsView view,
      ObservableValue<OpenModel> opened,
      Appearance appearance,
      Messages m) {
    this.owner = owner;
    this.view = view;
    this.opened = opened;
    this.appearance = appearance;
    this.m = m;
  }

  public ToolchainsView view() {
    return view;
  }

  /** The window's stage once shown, else null. */
  public Stage stage() {
    return stage;
  }

  /** True while the window is on screen. */
  public boolean isShowing() {
    return stage != null && stage.isShowing();
  }

  public void show() {
    if (stage == null) {
      stage =
          SideWindow.stage(
              owner,
              opened,
              m,
              "toolchains.title",
              "toolchains.titleWith",
              SideWindow.scene(owner, view, appearance, WIDTH, HEIGHT));
    }
    stage.show();
    stage.toFront();
  }
}
