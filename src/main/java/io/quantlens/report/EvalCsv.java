package io.quantlens.report;

import io.quantlens.eval.EvalResult;
import io.quantlens.eval.SampleResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One CSV row per evaluated sample, for drill-down: which samples flipped and by how much. */
public final class EvalCsv {
  public static final List<String> COLUMNS =
      List.of(
          "sample",
          "label",
          "fp32_class",
          "quantized_class",
          "flipped",
          "kl_nats",
          "cosine",
          "fp32_neighbour",
          "quantized_neighbour");

  private EvalCsv() {}

  public static void write(EvalResult result, Path file) throws IOException {
    boolean classes = !Double.isNaN(result.top1Agreement());
    CsvFiles.write(
        file,
        COLUMNS,
        csv -> {
          for (SampleResult s : result.perSample()) {
            csv.printRecord(
                s.index(),
                CsvFiles.index(s.label()),
                CsvFiles.index(s.referenceClass()),
                CsvFiles.index(s.quantizedClass()),
                classes ? Boolean.toString(s.flipped()) : "",
                NumberText.roundTrip(s.klDivergence()),
                NumberText.roundTrip(s.cosine()),
                CsvFiles.index(s.referenceNeighbour()),
                CsvFiles.index(s.quantizedNeighbour()));
          }
        });
  }
}
