package io.quantlens.analysis;

/**
 * A tensor of the model that the engine cannot analyse (e.g. a reduction row too long for one
 * array): a fault of the input, not of the command's arguments.
 */
public final class UnanalysableTensorException extends RuntimeException {
  public UnanalysableTensorException(String message) {
    super(message);
  }
}
