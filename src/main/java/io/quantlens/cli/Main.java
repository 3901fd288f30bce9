package io.quantlens.cli;

/** Entry point of the {@code quantlens} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
