package io.quantlens.ui.state;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** How the window looks, as the user set it; a project keeps it. */
public final class Appearance {
  private final BooleanProperty dark = new SimpleBooleanProperty();

  /** True for the dark theme; charts on screen follow it, exported figures do not. */
  public BooleanProperty dark() {
    return dark;
  }
}
