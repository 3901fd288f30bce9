package io.quantlens.ui.app;

import javafx.application.Application;

/** Starts the JavaFX workbench with {@code gui}'s arguments ({@link LaunchArguments}). */
public final class WorkbenchLauncher {
  private WorkbenchLauncher() {}

  public static void launch(String... args) {
    Application.launch(WorkbenchApp.class, args);
  }
}
