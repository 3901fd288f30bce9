package io.quantlens;

import io.quantlens.ui.app.WorkbenchLauncher;

/**
 * The program's entry point: with no arguments, {@code gui [--lang en|vi] [MODEL]} or the path of
 * one existing file it opens the workbench window, otherwise it runs the command line. It does not
 * extend JavaFX's {@code Application}, so it starts from a plain class path (the shaded jar) as
 * well as from {@code mvn javafx:run}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      WorkbenchLauncher.launch();
    } else if (args[0].equals("gui")) {
      WorkbenchLauncher.launch(java.util.Arrays.copyOfRange(args, 1, args.length));
    } else if (args.length == 1
        && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(args[0]))) {
      // a model or project opened from the desktop (file associations of the installed package)
      WorkbenchLauncher.launch(args[0]);
    } else {
      io.quantlens.cli.Main.main(args);
    }
  }
}
