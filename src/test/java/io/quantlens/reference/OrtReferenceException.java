package io.quantlens.reference;

/** ONNX Runtime refused or failed to run a reference graph (wraps the checked OrtException). */
public final class OrtReferenceException extends RuntimeException {
  OrtReferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
