package io.quantlens.cli;

import io.quantlens.analysis.UnanalysableTensorException;
import io.quantlens.cost.HardwareProfileException;
import io.quantlens.eval.EvalException;
import io.quantlens.model.ModelFormatException;
import io.quantlens.text.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line {@code quantlens: FILE: what is wrong} and an exit code; the stack
 * trace only with {@code --verbose}. The lower layers' messages stay English; the words around them
 * are the command line's.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  /** The file-system failures the command line names in its own words, by exception class. */
  private static final Map<String, String> FILE_PROBLEMS =
      Map.of(
          "NoSuchFileException", "error.file.noSuchFile",
          "AccessDeniedException", "error.file.accessDenied",
          "NotDirectoryException", "error.file.notDirectory",
          "FileAlreadyExistsException", "error.file.exists",
          "DirectoryNotEmptyException", "error.file.notEmpty");

  private final QuantLensCommand root;
  private final Messages texts;

  ErrorReporter(QuantLensCommand root, Messages texts) {
    this.root = root;
    this.texts = texts;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    var err = cli.getErr();
    Throwable problem = e instanceof UncheckedIOException u ? u.getCause() : e;
    int code;
    String message;
    if (problem instanceof ModelFormatException m) {
      code = ExitCodes.BAD_INPUT;
      message = model(m);
    } else if (problem instanceof HardwareProfileException h) {
      code = ExitCodes.BAD_INPUT;
      message = texts.get("error.hardware", h.getMessage());
    } else if (problem instanceof UnanalysableTensorException u) {
      code = ExitCodes.BAD_INPUT;
      message = texts.get("error.tensor", u.getMessage());
    } else if (problem instanceof EvalException ev) {
      code = ExitCodes.BAD_INPUT;
      message = texts.get("error.eval", ev.getMessage());
    } else if (problem instanceof FileSystemException f) {
      code = ExitCodes.BAD_INPUT;
      message =
          texts.get("error.file", f.getFile(), f.getReason() != null ? f.getReason() : describe(f));
    } else if (problem instanceof IOException io) {
      code = ExitCodes.BAD_INPUT;
      message = texts.get("error.io", io.getMessage());
    } else if (problem instanceof IllegalArgumentException iae) {
      code = ExitCodes.USAGE;
      message = iae.getMessage();
    } else {
      code = ExitCodes.FAILURE;
      message = texts.get("error.internal", String.valueOf(problem));
    }
    err.println("quantlens: " + message);
    if (root.verbose() || code == ExitCodes.FAILURE) {
      problem.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** {@code FILE: problem}, the file named first whether it is missing or unreadable. */
  private String model(ModelFormatException m) {
    String file = String.valueOf(m.file());
    String text = m.getMessage();
    String problem = text.startsWith(file + ": ") ? text.substring(file.length() + 2) : text;
    boolean missing = m.file() != null && !Files.exists(m.file());
    return texts.get(missing ? "error.model.missing" : "error.model", file, problem);
  }

  private String describe(FileSystemException f) {
    String name = f.getClass().getSimpleName();
    if (FILE_PROBLEMS.containsKey(name)) {
      return texts.get(FILE_PROBLEMS.get(name));
    }
    String type = name.replace("Exception", "");
    return type.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }
}
