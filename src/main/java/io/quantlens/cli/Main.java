package io.quantlens.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code quantlens} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (0 ok, 2 usage error, 3 bad input). */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /**
   * Runs the command line writing to {@code out} and {@code err} (standard output and error when
   * null) and returns its exit code.
   */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    QuantLensCommand root = new QuantLensCommand();
    CommandLine cli = new CommandLine(root);
    cli.setOut(TerminalText.of(out != null ? out : cli.getOut()));
    cli.setErr(TerminalText.of(err != null ? err : cli.getErr()));
    cli.setExecutionExceptionHandler(new ErrorReporter(root));
    return cli.execute(args);
  }
}
