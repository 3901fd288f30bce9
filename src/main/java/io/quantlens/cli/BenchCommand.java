package io.quantlens.cli;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.session.Session;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
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

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (repeat < 1 || warmup < 0) {
      throw new IllegalArgumentException("--repeat must be ≥ 1 and --warmup ≥ 0");
    }
    AnalysisOptions options = schemeOptions.toOptions();
    PrintWriter out = spec.commandLine().getOut();
    if (activations != null) {
      ActivationBench.run(
          Session.open(model).requireLayers(),
          ActivationScheme.parse(activations),
          data,
          options.threads(),
          warmup,
          repeat,
          out);
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

    out.printf(Locale.ROOT, "Model              %s%n", model);
    out.printf(Locale.ROOT, "Open (first)       %.1f ms%n", openMs);
    out.printf(
        Locale.ROOT,
        "Analysis           %d layers, %,d weights × %d schemes, %d bins, %d threads%n",
        analysis.layers().size(),
        weights,
        options.schemes().size(),
        options.bins(),
        options.threads());
    out.printf(
        Locale.ROOT,
        "Wall time per run  min %.3f s, median %.3f s, max %.3f s (%d runs after %d warm-up)%n",
        seconds[0],
        median,
        seconds[repeat - 1],
        repeat,
        warmup);
    out.printf(
        Locale.ROOT,
        "Throughput         %.1f M weight-schemes/s (median run)%n",
        weightSchemes / median / 1e6);
    out.printf(Locale.ROOT, "                   %.1f M weights/s%n", weights / median / 1e6);
    out.printf(
        Locale.ROOT,
        "Peak heap          %.1f MB (max heap %.0f MB)%n",
        peakHeapBytes() / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
    out.flush();
    return ExitCodes.OK;
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
