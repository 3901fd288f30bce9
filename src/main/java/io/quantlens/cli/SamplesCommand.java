package io.quantlens.cli;

import io.quantlens.report.NumberText;
import io.quantlens.samples.Sample;
import io.quantlens.samples.SampleCatalog;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quantlens samples}: the bundled sample models and where their files are. */
@Command(name = "samples", mixinStandardHelpOptions = true)
final class SamplesCommand implements Callable<Integer> {
  /** What to type to try a sample: a command, the same in every language. */
  private static final String TRY = "quantlens eval %s --scheme int4:g32:sym";

  @Option(names = "--extract", descriptionKey = "option.samples.extract")
  private boolean extract;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    SampleCatalog catalog = SampleCatalog.atDefaultLocation();
    PrintWriter out = spec.commandLine().getOut();
    Messages texts = CliText.of(spec);
    out.println(
        new LabelledLines(texts, 14, "samples.folder")
            .line("samples.folder", texts.get("samples.folderSetWith", catalog.root().toString())));
    out.println();
    LabelledLines lines =
        new LabelledLines(texts, 6, "samples.model", "samples.data", "samples.try");
    for (Sample sample : catalog.samples()) {
      boolean available = catalog.isAvailable(sample);
      if (extract && available) {
        catalog.extract(sample);
      }
      String state =
          !available
              ? "samples.notBundled"
              : Files.isRegularFile(catalog.modelPath(sample))
                  ? "samples.ready"
                  : "samples.onFirstUse";
      // the title and description are the catalog's, in English
      out.println(sample.id());
      out.println("  " + sample.title());
      out.println("  " + sample.description());
      out.println(
          "  "
              + lines.line(
                  "samples.model", catalog.modelPath(sample) + " (" + texts.get(state) + ")"));
      out.println("  " + lines.line("samples.data", catalog.evalFolder(sample).toString()));
      out.println("  " + lines.line("samples.try", NumberText.format(TRY, sample.id())));
      out.println();
    }
    out.flush();
    return ExitCodes.OK;
  }
}
