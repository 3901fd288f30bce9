package io.quantlens.cli;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelMetadata;
import io.quantlens.report.AnalysisCsv;
import io.quantlens.report.NumberText;
import io.quantlens.session.ModelFacts;
import io.quantlens.session.Session;
import io.quantlens.text.Messages;
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
    Messages texts = CliText.of(spec);
    LabelledLines lines =
        new LabelledLines(
            texts,
            10,
            "label.model",
            "label.format",
            "label.producer",
            "label.opset",
            "label.input",
            "label.output",
            "label.metadata",
            "label.note",
            "label.layers",
            "label.parameters",
            "label.bytes");
    ModelMetadata meta = m.metadata();
    out.println(lines.line("label.model", m.source().toString()));
    out.println(lines.line("label.format", ModelFacts.formatText(meta)));
    out.println(
        lines.line(
            "label.producer",
            meta.producer().isBlank() ? texts.get("info.notRecorded") : meta.producer()));
    // The same facts as the window's Model information dialog, so the two cannot differ.
    for (ModelFacts.Fact f : ModelFacts.opsets(meta)) {
      out.println(lines.line("label.opset", f.value()));
    }
    for (ModelFacts.Fact f : ModelFacts.signature(m)) {
      out.println(lines.line(f.key().equals("input") ? "label.input" : "label.output", f.value()));
    }
    meta.properties()
        .forEach(
            (key, value) ->
                out.println(lines.line("label.metadata", key + " = " + shorten(value))));
    meta.notes().forEach(note -> out.println(lines.line("label.note", note)));
    out.println(lines.line("label.layers", String.valueOf(m.layers().size())));
    out.println(
        lines.line(
            "label.parameters",
            texts.get(
                "info.parameters",
                NumberText.count(m.layerParameterCount()),
                NumberText.count(m.totalParameterCount()))));
    for (Map.Entry<DType, Long> e : m.bytesByDType().entrySet()) {
      out.println(
          lines.line("label.bytes", NumberText.format("%-8s %,d", e.getKey(), e.getValue())));
    }
    if (listLayers) {
      out.println();
      out.printf(
          Locale.ROOT,
          "%-48s %-10s %-9s %-14s %12s %s%n",
          texts.get("info.column.layer"),
          texts.get("info.column.op"),
          texts.get("info.column.storedAs"),
          texts.get("info.column.shape"),
          texts.get("info.column.params"),
          texts.get("info.column.channelAxis"));
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
          out.println("    " + texts.get("info.stored", l.storage()));
        }
        if (l.users().size() > 1) {
          out.println(
              "    "
                  + texts.get(
                      "info.sharedBy",
                      String.valueOf(l.users().size()),
                      String.join(", ", l.users())));
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
