package io.quantlens.cli;

import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
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
    Optional<String> asked = CliText.asked(args);
    Messages texts = CliText.of(CliText.language(asked, Locale.getDefault()));
    QuantLensCommand root = new QuantLensCommand();
    CommandLine cli = new CommandLine(root);
    cli.setResourceBundle(texts.bundle());
    cli.setOut(TerminalText.of(out != null ? out : cli.getOut()));
    cli.setErr(TerminalText.of(err != null ? err : cli.getErr()));
    cli.setExecutionExceptionHandler(new ErrorReporter(root, texts));
    if (asked.isPresent() && !CliText.known(asked.get())) {
      cli.getErr().println("quantlens: " + texts.get("error.lang", asked.get()));
      cli.getErr().flush();
      return ExitCodes.USAGE;
    }
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      return fatal(
          cli,
          texts.get("error.memory", String.valueOf(Runtime.getRuntime().maxMemory() / (1 << 20))));
    } catch (InternalError e) {
      // what the JVM throws when a mapped file shrinks under it
      return fatal(cli, texts.get("error.fileChanged"));
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
