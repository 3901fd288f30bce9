package io.quantlens.eval;

/** An evaluation that cannot run; the message says which file or layer and why. */
public class EvalException extends Exception {
  public EvalException(String message) {
    super(message);
  }

  public EvalException(String message, Throwable cause) {
    super(message, cause);
  }
}
