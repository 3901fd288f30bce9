package io.quantlens.files;

import java.nio.file.Path;

/** Where QuantLens keeps what a user set up: one rule for every layer that stores something. */
public final class UserDirs {
  private UserDirs() {}

  /** {@code $XDG_CONFIG_HOME/quantlens}, or {@code ~/.config/quantlens} when that is unset. */
  public static Path config() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("quantlens");
  }
}
