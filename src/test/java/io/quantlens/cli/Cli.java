package io.quantlens.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the command line in-process and captures what it prints. */
final class Cli {
  private Cli() {}

  /** Exit code, standard output and standard error of one run. */
  record Result(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    /** Whether standard error holds a stack trace. */
    boolean hasStackTrace() {
      return err.lines().anyMatch(l -> l.startsWith("\tat "));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
    }
  }

  /**
   * Runs {@code args} in English (with {@code --lang en} first) unless they choose a language: the
   * tests read English words whatever the test machine's locale.
   */
  static Result run(Object... args) {
    boolean chosen = false;
    for (Object arg : args) {
      chosen |= String.valueOf(arg).startsWith("--lang");
    }
    if (chosen) {
      return runAsGiven(args);
    }
    Object[] english = new Object[args.length + 2];
    english[0] = "--lang";
    english[1] = "en";
    System.arraycopy(args, 0, english, 2, args.length);
    return runAsGiven(english);
  }

  /** Runs exactly {@code args}: the language is the default locale's unless they give --lang. */
  static Result runAsGiven(Object... args) {
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = String.valueOf(args[i]);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true)) {
      code = Main.run(o, e, strings);
    }
    return new Result(code, out.toString(), err.toString());
  }
}
