package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.cost.HardwareProfileException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The hardware command on its own (the root command registers it separately). */
class HardwareCommandTest {
  @TempDir Path empty;

  private record Run(int code, String out) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new HardwareCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    return new Run(cli.execute(args), out.toString());
  }

  @Test
  void listsEveryProfileWithDenseTeraOps() {
    Run r = run("--folder", empty.toString());
    assertEquals(0, r.code(), r.out());
    String h100 =
        r.out().lines().filter(l -> l.startsWith("nvidia-h100-sxm ")).findFirst().orElseThrow();
    // dense FP16 989 TFLOPS, INT8 1979 TOPS, 3350 GB/s, 700 W
    assertTrue(h100.contains(" 989 "), h100);
    assertTrue(h100.contains(" 1979 "), h100);
    assertTrue(h100.contains(" 3350 "), h100);
    assertTrue(h100.contains(" 700 "), h100);
    assertTrue(r.out().contains("google-coral-edge-tpu"));
  }

  @Test
  void showPrintsSourcesAndDerivations() {
    Run r = run("--folder", empty.toString(), "--show", "nvidia-h100-sxm");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("NVIDIA H100 Tensor Core GPU datasheet"), r.out());
    assertTrue(r.out().contains("(estimate: 0.5 x TDP 700 W"), r.out());
  }

  @Test
  void brokenUserProfileIsAHardwareProfileException() throws Exception {
    Files.writeString(empty.resolve("bad.json"), "{}");
    CommandLine cli = new CommandLine(new HardwareCommand());
    Exception[] thrown = new Exception[1];
    cli.setExecutionExceptionHandler(
        (ex, c, p) -> {
          thrown[0] = ex;
          return 3;
        });
    assertEquals(3, cli.execute("--folder", empty.toString()));
    HardwareProfileException e = assertInstanceOf(HardwareProfileException.class, thrown[0]);
    assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
  }
}
