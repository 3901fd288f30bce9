package io.quantlens.cli;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelMetadata;
import io.quantlens.report.AnalysisCsv;
import io.quantlens.session.ModelFacts;
import io.quantlens.session.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quantlens info MODEL}: what the file holds. */
@Command(name = "info", mixinStandardHelpOptions = true)
final class InfoCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MODEL", descriptionKey = "param.model")
  private Path model;

  @Option(names = "--layers", descriptionKey = "option.info.layers")
  private boolean listLayers;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Model m = Session.open(model).model();
    PrintWriter out = spec.commandLine().getOut();
    ModelMetadata meta = m.metadata();
    out.printf(Locale.ROOT, "Model      %s%n", m.source());
    out.printf(Locale.ROOT, "Format     %s%n", ModelFacts.formatText(meta));
    out.printf(
        Locale.ROOT,
        "Producer   %s%n",
        meta.producer().isBlank() ? "(not recorded)" : meta.producer());
    // The same facts as the window's Model information dialog, so the two cannot differ.
    for (ModelFacts.Fact f : ModelFacts.opsets(meta)) {
      out.printf(Locale.ROOT, "Opset      %s%n", f.value());
    }
    for (ModelFacts.Fact f : ModelFacts.signature(m)) {
      out.printf(
          Locale.ROOT, "%-10s %s%n", f.key().equals("input") ? "Input" : "Output", f.value());
    }
    meta.properties()
        .forEach(
            (key, value) -> out.printf(Locale.ROOT, "Metadata   %s = %s%n", key, shorten(value)));
    meta.notes().forEach(note -> out.printf(Locale.ROOT, "Note       %s%n", note));
    out.printf(Locale.ROOT, "Layers     %d%n", m.layers().size());
    out.printf(
        Locale.ROOT,
        "Parameters %,d in layers, %,d stored in all%n",
        m.layerParameterCount(),
        m.totalParameterCount());
    for (Map.Entry<DType, Long> e : m.bytesByDType().entrySet()) {
      out.printf(Locale.ROOT, "Bytes      %-8s %,d%n", e.getKey(), e.getValue());
    }
    if (listLayers) {
      out.println();
      out.printf(
          Locale.ROOT,
          "%-48s %-10s %-9s %-14s %12s %s%n",
          "layer",
          "op",
          "stored as",
          "shape",
          "params",
          "channel axis");
      for (Layer l : m.layers()) {
        out.printf(
            Locale.ROOT,
            "%-48s %-10s %-9s %-14s %,12d %d%n",
            l.name(),
            l.opType(),
            l.weight().dtype(),
            AnalysisCsv.shapeText(l.weight().shape()),
            l.parameterCount(),
            l.channelAxis());
        if (!l.storage().isEmpty()) {
          out.printf(Locale.ROOT, "    stored: %s%n", l.storage());
        }
        if (l.users().size() > 1) {
          out.printf(
              Locale.ROOT,
              "    shared by %d nodes: %s%n",
              l.users().size(),
              String.join(", ", l.users()));
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Metadata values can be long (chat templates, licences); the first line's start is enough. */
  private static String shorten(String value) {
    String line = value.lines().findFirst().orElse("");
    return line.length() > 100 || !line.equals(value)
        ? line.substring(0, Math.min(100, line.length())) + " …"
        : line;
  }
}
