package io.quantlens.formats.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * ONNX Runtime set up so that its own log lines (graph warnings, unused initializers) never reach
 * the terminal: errors come back as exceptions, which the caller words for the user. Every place
 * that creates a session goes through here; the environment is one per process, and asking for it
 * at another log level than it was made with logs a warning of its own.
 */
public final class QuietOrt {
  /**
   * Fatal only: a failed run logs an error line and also throws; the exception is what the user
   * sees, worded by the caller.
   */
  public static final OrtLoggingLevel LOG_LEVEL = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;

  private QuietOrt() {}

  /** The process's environment, made at {@link #LOG_LEVEL} on first use. */
  public static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment(LOG_LEVEL, OrtEnvironment.DEFAULT_NAME);
  }

  /** Session options at {@link #LOG_LEVEL}; the caller closes them. */
  public static OrtSession.SessionOptions sessionOptions() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setSessionLogLevel(LOG_LEVEL);
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }
}
