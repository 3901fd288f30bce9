package io.quantlens.quant;

/** A scheme text that cannot be parsed; the message names the offending part. */
public class SchemeSyntaxException extends IllegalArgumentException {
  public SchemeSyntaxException(String text, String problem) {
    super("bad scheme '" + text + "': " + problem);
  }
}
