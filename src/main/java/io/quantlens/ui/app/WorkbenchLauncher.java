package io.quantlens.ui.app;

import javafx.application.Application;

/** Starts the JavaFX workbench; the model argument (a path or sample name) is optional. */
public final class WorkbenchLauncher {
  private WorkbenchLauncher() {}

  public static void launch(String model) {
    Application.launch(WorkbenchApp.class, model == null ? new String[0] : new String[] {model});
  }
}
