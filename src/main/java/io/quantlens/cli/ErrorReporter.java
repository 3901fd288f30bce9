package io.quantlens.cli;

import io.quantlens.analysis.UnanalysableTensorException;
import io.quantlens.cost.HardwareProfileException;
import io.quantlens.eval.EvalException;
import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line {@code quantlens: FILE: what is wrong} and an exit code; the stack
 * trace only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  private final QuantLensCommand root;

  ErrorReporter(QuantLensCommand root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    var err = cli.getErr();
    Throwable problem = e instanceof UncheckedIOException u ? u.getCause() : e;
    int code;
    String message;
    if (problem instanceof ModelFormatException m) {
      code = ExitCodes.BAD_INPUT;
      message = m.getMessage();
    } else if (problem instanceof HardwareProfileException h) {
      code = ExitCodes.BAD_INPUT;
      message = h.getMessage();
    } else if (problem instanceof UnanalysableTensorException u) {
      code = ExitCodes.BAD_INPUT;
      message = u.getMessage();
    } else if (problem instanceof EvalException ev) {
      code = ExitCodes.BAD_INPUT;
      message = ev.getMessage();
    } else if (problem instanceof FileSystemException f) {
      code = ExitCodes.BAD_INPUT;
      message = f.getFile() + ": " + (f.getReason() != null ? f.getReason() : describe(f));
    } else if (problem instanceof IOException io) {
      code = ExitCodes.BAD_INPUT;
      message = io.getMessage();
    } else if (problem instanceof IllegalArgumentException iae) {
      code = ExitCodes.USAGE;
      message = iae.getMessage();
    } else {
      code = ExitCodes.FAILURE;
      message = "internal error: " + problem;
    }
    err.println("quantlens: " + message);
    if (root.verbose() || code == ExitCodes.FAILURE) {
      problem.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static String describe(FileSystemException f) {
    String type = f.getClass().getSimpleName().replace("Exception", "");
    return type.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }
}
