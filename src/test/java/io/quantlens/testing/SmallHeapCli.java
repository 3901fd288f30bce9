package io.quantlens.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line in a separate JVM with a small heap, for what a small file can make it need. */
public final class SmallHeapCli {
  /** Exit code and everything printed (output and error together). */
  public record Result(int exitCode, String output) {}

  private SmallHeapCli() {}

  public static Result run(String maxHeap, String... args) throws Exception {
    Process p = start(maxHeap, args);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished within 120 s");
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** The command started, its output and error merged into its input stream. */
  public static Process start(String maxHeap, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    // The test run's folders (pom.xml): a child reads no user configuration or cache either.
    for (String property : List.of("user.home", "quantlens.samples")) {
      String value = System.getProperty(property);
      if (value != null) {
        command.add("-D" + property + "=" + value);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(io.quantlens.cli.Main.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
