package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Control characters from file names reach the terminal escaped, never as raw ESC sequences. */
class TerminalTextTest {
  @TempDir Path dir;

  @Test
  void escapesControlCharactersButNotLineBreaksOrTabs() {
    StringWriter text = new StringWriter();
    var out = TerminalText.of(text);
    out.print("a\u001b[31mred\u0007\tb\r\nc\u009bd");
    out.flush();
    assertEquals("a\\x1b[31mred\\x07\tb\r\nc\\x9bd", text.toString());
  }

  @Test
  void aFileNameWithAnEscapeSequenceIsPrintedEscaped() throws Exception {
    Path evil = Files.write(dir.resolve("x\u001b]0;pwned\u0007.onnx"), new byte[] {1, 2, 3});
    Cli.Result r = Cli.run("info", evil);
    assertEquals(3, r.exitCode(), r.toString());
    assertFalse(r.err().contains("\u001b"), r.err());
    assertTrue(r.err().contains("x\\x1b]0;pwned\\x07.onnx"), r.err());
  }
}
