package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --version} prints the version the pom declares, not one written into the code. */
class VersionTest {
  @Test
  void versionIsThePomsVersion() throws IOException {
    String pom = Files.readString(Path.of(System.getProperty("basedir", "."), "pom.xml"));
    // The project's own <version> is the first one after its <artifactId>quantlens</artifactId>.
    Matcher m =
        Pattern.compile("<artifactId>quantlens</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    if (!m.find()) {
      throw new AssertionError("pom.xml declares no version after artifactId quantlens");
    }
    Cli.Result r = Cli.run("--version");
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("QuantLens " + m.group(1), r.out().strip(), r::toString);
  }
}
