package io.quantlens.cli;

import io.quantlens.samples.Sample;
import io.quantlens.samples.SampleCatalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quantlens samples}: the bundled sample models and where their files are. */
@Command(name = "samples", mixinStandardHelpOptions = true)
final class SamplesCommand implements Callable<Integer> {
  @Option(names = "--extract", descriptionKey = "option.samples.extract")
  private boolean extract;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    SampleCatalog catalog = SampleCatalog.atDefaultLocation();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT, "Sample folder  %s (set with -Dquantlens.samples=DIR)%n%n", catalog.root());
    for (Sample sample : catalog.samples()) {
      boolean available = catalog.isAvailable(sample);
      if (extract && available) {
        catalog.extract(sample);
      }
      String state =
          !available
              ? "not bundled in this build"
              : Files.isRegularFile(catalog.modelPath(sample))
                  ? "ready"
                  : "copied there on first use";
      out.printf(Locale.ROOT, "%s%n", sample.id());
      out.printf(Locale.ROOT, "  %s%n", sample.title());
      out.printf(Locale.ROOT, "  %s%n", sample.description());
      out.printf(Locale.ROOT, "  model  %s (%s)%n", catalog.modelPath(sample), state);
      out.printf(Locale.ROOT, "  data   %s%n", catalog.evalFolder(sample));
      out.printf(Locale.ROOT, "  try    quantlens eval %s --scheme int4:g32:sym%n%n", sample.id());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
