package io.quantlens.cli;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.report.NumberText;
import io.quantlens.session.Session;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quantlens bench MODEL}: how fast the model opens and the analysis runs. */
@Command(name = "bench", mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MODEL", descriptionKey = "param.model")
  private Path model;

  @Mixin private SchemeOptions schemeOptions;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      descriptionKey = "option.bench.repeat",
      defaultValue = "5")
  private int repeat;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      descriptionKey = "option.bench.warmup",
      defaultValue = "2")
  private int warmup;

  @Option(names = "--activations", paramLabel = "A", descriptionKey = "option.bench.activations")
  private String activations;

  @Option(names = "--data", paramLabel = "DIR", descriptionKey = "option.bench.data")
  private Path data;

  @Option(names = "--forward", paramLabel = "N", descriptionKey = "option.bench.forward")
  private Integer forwardTokens;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Messages texts = CliText.of(spec);
    if (repeat < 1 || warmup < 0) {
      throw new IllegalArgumentException(texts.get("error.repeat"));
    }
    AnalysisOptions options = schemeOptions.toOptions();
    PrintWriter out = spec.commandLine().getOut();
    if (forwardTokens != null) {
      if (forwardTokens < 1) {
        throw new IllegalArgumentException(texts.get("error.forwardTokens"));
      }
      ForwardBench.run(
          Session.open(model).model(),
          forwardTokens,
          options.threads(),
          warmup,
          repeat,
          out,
          texts);
      return ExitCodes.OK;
    }
    if (activations != null) {
      ActivationBench.run(
          Session.open(model).requireLayers(),
          ActivationScheme.parse(activations),
          data,
          options.threads(),
          warmup,
          repeat,
          out,
          texts);
      return ExitCodes.OK;
    }

    long openStart = System.nanoTime();
    Session session = Session.open(model).requireLayers();
    double openMs = (System.nanoTime() - openStart) / 1e6;

    ModelAnalysis analysis = null;
    for (int i = 0; i < warmup; i++) {
      analysis = session.withEmptyCache().analyze(options);
    }
    double[] seconds = new double[repeat];
    for (int i = 0; i < repeat; i++) {
      Session fresh = session.withEmptyCache();
      long start = System.nanoTime();
      analysis = fresh.analyze(options);
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(seconds);
    double median = seconds[repeat / 2];
    long weights = analysis.layers().stream().mapToLong(l -> l.weights().count()).sum();
    long weightSchemes = analysis.weightSchemes();

    LabelledLines lines =
        new LabelledLines(
            texts,
            18,
            "label.model",
            "bench.open",
            "bench.analysis",
            "bench.wallTime",
            "bench.throughput",
            "bench.peakHeap");
    out.println(lines.line("label.model", model.toString()));
    out.println(lines.line("bench.open", NumberText.fixed(openMs, 1) + " ms"));
    out.println(
        lines.line(
            "bench.analysis",
            texts.get(
                "bench.analysed",
                String.valueOf(analysis.layers().size()),
                NumberText.count(weights),
                String.valueOf(options.schemes().size()),
                String.valueOf(options.bins()),
                String.valueOf(options.threads()))));
    out.println(
        lines.line(
            "bench.wallTime",
            texts.get(
                "bench.runs",
                NumberText.fixed(seconds[0], 3),
                NumberText.fixed(median, 3),
                NumberText.fixed(seconds[repeat - 1], 3),
                String.valueOf(repeat),
                String.valueOf(warmup))));
    out.println(
        lines.line(
            "bench.throughput",
            texts.get("bench.weightSchemes", NumberText.fixed(weightSchemes / median / 1e6, 1))));
    out.println(
        lines.more(texts.get("bench.weights", NumberText.fixed(weights / median / 1e6, 1))));
    out.println(
        lines.line(
            "bench.peakHeap",
            texts.get(
                "bench.heap",
                NumberText.fixed(peakHeapBytes() / 1e6, 1),
                NumberText.fixed(Runtime.getRuntime().maxMemory() / 1e6, 0))));
    out.flush();
    return ExitCodes.OK;
  }

  static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
