package io.quantlens.cli;

import io.quantlens.report.NumberText;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Output for a terminal: control characters that a file name, a tensor name or a model's metadata
 * may carry (ESC sequences that recolour, move the cursor or retitle the window) are written as
 * {@code \xNN} escapes. Tab, line feed and carriage return (progress lines) pass.
 */
final class TerminalText extends FilterWriter {
  private TerminalText(Writer out) {
    super(out);
  }

  /** {@code out} with control characters escaped, flushing at each line as a console does. */
  static PrintWriter of(Writer out) {
    return new PrintWriter(new TerminalText(out), true);
  }

  static boolean isControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
  }

  @Override
  public void write(int c) throws IOException {
    if (isControl((char) c)) {
      out.write(NumberText.format("\\x%02x", c));
    } else {
      out.write(c);
    }
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    int start = offset;
    for (int i = offset; i < offset + length; i++) {
      if (isControl(buffer[i])) {
        out.write(buffer, start, i - start);
        write(buffer[i]);
        start = i + 1;
      }
    }
    out.write(buffer, start, offset + length - start);
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    write(text.toCharArray(), offset, length);
  }
}
