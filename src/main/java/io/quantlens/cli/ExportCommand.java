package io.quantlens.cli;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.onnx.OnnxQuantizedWriter;
import io.quantlens.formats.openvino.CompressedIrWriter;
import io.quantlens.formats.openvino.OpenVinoReader;
import io.quantlens.formats.safetensors.MlxWriter;
import io.quantlens.report.NumberText;
import io.quantlens.session.MlxPlanLayers;
import io.quantlens.session.PlanExports;
import io.quantlens.session.Session;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quantlens export MODEL OUT --to gguf|mlx|onnx|openvino}: a plan written as the file a
 * toolchain takes.
 */
@Command(name = "export", mixinStandardHelpOptions = true)
final class ExportCommand implements Callable<Integer> {
  /** The toolchain formats QuantLens writes. */
  enum Target {
    gguf,
    mlx,
    onnx,
    openvino
  }

  @Parameters(index = "0", paramLabel = "MODEL", descriptionKey = "param.model")
  private Path model;

  @Parameters(index = "1", paramLabel = "OUT", descriptionKey = "param.export.out")
  private Path out;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "FORMAT",
      descriptionKey = "option.export.to")
  private Target to;

  @Mixin private PlanOptions planOptions;

  @Option(names = "--force", descriptionKey = "option.export.force")
  private boolean force;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Messages texts = CliText.of(spec);
    if (planOptions.touchesActivations()) {
      throw new IllegalArgumentException(texts.get("export.error.activations"));
    }
    Session session = Session.open(model).requireLayers();
    OutputPaths.check(List.of(session.model().source()), OutputPaths.named("OUT", out), texts);
    boolean taken =
        to == Target.mlx
            ? Files.isRegularFile(out) || Files.exists(out.resolve(MlxWriter.WEIGHTS))
            : Files.exists(out)
                || to == Target.openvino && Files.exists(OpenVinoReader.weightsFile(out));
    if (taken && !force) {
      throw new IllegalArgumentException(texts.get("generate.error.exists", out.toString()));
    }
    PrecisionPlan plan = planOptions.plan(session.model());
    long start = System.nanoTime();
    Exported exported = export(session, plan, texts);
    Map<String, Long> counts = exported.forms();
    Path written = exported.written();
    Optional<Path> data = exported.data();
    String types =
        counts.isEmpty()
            ? texts.get("export.noneRetyped")
            : counts.entrySet().stream()
                .map(e -> e.getKey() + " " + NumberText.count(e.getValue()))
                .collect(Collectors.joining(", "));
    PrintWriter w = spec.commandLine().getOut();
    String seconds = NumberText.fixed((System.nanoTime() - start) / 1e9, 1);
    if (data.isPresent()) {
      long bytes = Files.size(written) + Files.size(data.get());
      String key = to == Target.openvino ? "export.wroteWithWeights" : "export.wroteWithData";
      w.println(texts.get(key, out, data.get(), types, NumberText.count(bytes), seconds));
    } else {
      w.println(
          texts.get("export.wrote", out, types, NumberText.count(Files.size(written)), seconds));
    }
    w.flush();
    return ExitCodes.OK;
  }

  /**
   * What an export wrote: how many layers in each form, the main file, and an ONNX export's
   * external data file or an OpenVINO IR's weights file.
   */
  private record Exported(Map<String, Long> forms, Path written, Optional<Path> data) {}

  private Exported export(Session session, PrecisionPlan plan, Messages texts) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    switch (to) {
      case gguf -> {
        PlanExports.GgufExport gguf = session.exports().gguf(plan, planOptions.presetId(), out);
        if (!gguf.realTokenizer()) {
          spec.commandLine().getErr().println(texts.get("export.placeholderVocabulary", out));
        }
        gguf.retyped()
            .values()
            .forEach(t -> counts.merge(t.name().toLowerCase(Locale.ROOT), 1L, Long::sum));
        return new Exported(counts, out, Optional.empty());
      }
      case onnx -> {
        OnnxQuantizedWriter.Written onnx = session.exports().onnx(plan, out);
        onnx.layers().values().forEach(w -> counts.merge(onnxForm(texts, w.form()), 1L, Long::sum));
        return new Exported(counts, out, onnx.dataFile());
      }
      case openvino -> {
        CompressedIrWriter.Written ir = session.exports().openvino(plan, out);
        ir.layers().values().forEach(f -> counts.merge(f.text(), 1L, Long::sum));
        return new Exported(counts, out, Optional.of(ir.bin()));
      }
      default -> {
        MlxPlanLayers layers = session.exports().mlx(plan, out);
        layers
            .quantized()
            .values()
            .forEach(
                q ->
                    counts.merge(
                        texts.get("export.mlxForm", q.bits(), q.groupSize()), 1L, Long::sum));
        return new Exported(counts, out.resolve(MlxWriter.WEIGHTS), Optional.empty());
      }
    }
  }

  private static String onnxForm(Messages texts, OnnxQuantizedWriter.Form form) {
    String key =
        switch (form.kind()) {
          case QDQ -> "export.onnxQdq";
          case MATMUL_NBITS -> "export.onnxNBits";
          case CAST -> "export.onnxCast";
        };
    return texts.get(key, form.scheme().id());
  }
}
