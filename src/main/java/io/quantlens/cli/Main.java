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
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      return fatal(
          cli,
          "not enough memory to finish ("
              + Runtime.getRuntime().maxMemory() / (1 << 20)
              + " MiB of Java heap); the file asks for more, or give Java more with -Xmx");
    } catch (InternalError e) {
      // what the JVM throws when a mapped file shrinks under it
      return fatal(cli, "the file changed while it was read (truncated or replaced); try again");
    }
  }

  /** One line naming the command's file (its first argument), and exit code 3. */
  private static int fatal(CommandLine cli, String problem) {
    String file = "";
    var parsed = cli.getParseResult();
    var command = parsed == null ? null : parsed.subcommand();
    if (command != null && !command.matchedPositionals().isEmpty()) {
      file = command.matchedPositionals().get(0).getValue() + ": ";
    }
    cli.getErr().println("quantlens: " + file + problem);
    cli.getErr().flush();
    return ExitCodes.BAD_INPUT;
  }
}
