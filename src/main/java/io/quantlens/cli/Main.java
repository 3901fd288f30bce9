package io.quantlens.cli;

import picocli.CommandLine;

/** Entry point of the {@code quantlens} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (0 ok, 2 usage error, 3 bad input). */
  public static int run(String... args) {
    QuantLensCommand root = new QuantLensCommand();
    CommandLine cli = new CommandLine(root);
    cli.setExecutionExceptionHandler(new ErrorReporter(root));
    return cli.execute(args);
  }
}
