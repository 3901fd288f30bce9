package io.quantlens.cli;

import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.analysis.compare.LayerComparison;
import io.quantlens.analysis.compare.Prediction;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.StorageText;
import io.quantlens.model.TensorNames;
import io.quantlens.quant.ErrorStats;
import io.quantlens.report.NumberText;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A comparison as plain text: a header of totals per artifact, then a row per matched layer. */
final class CompareTable {
  private static final int NAME_WIDTH = 40;
  private static final int FORM_WIDTH = 23;

  private final Messages texts;
  private final LabelledLines lines;

  CompareTable(Messages texts) {
    this.texts = texts;
    this.lines =
        new LabelledLines(
            texts,
            10,
            "compare.original",
            "compare.artifact",
            "compare.format",
            "compare.matched",
            "compare.bits",
            "compare.sqnr",
            "compare.preset",
            "compare.unmatchedArtifact",
            "compare.unmatchedOriginal");
  }

  void printOriginal(PrintWriter out, Model original) {
    out.println(
        lines.line(
            "compare.original",
            texts.get(
                "compare.originalValue",
                original.source(),
                original.metadata().format(),
                NumberText.count(original.layers().size()))));
    out.println();
  }

  /**
   * @param presetGuessed true when the preset was chosen from what the artifact says about itself
   */
  void print(PrintWriter out, ArtifactComparison a, boolean presetGuessed) {
    out.println(lines.line("compare.artifact", a.file().toString()));
    out.println(
        lines.line(
            "compare.format",
            texts.get(
                "compare.formatValue",
                a.format(),
                NumberText.count(a.fileBytes()),
                NumberText.count(a.weightBytes()))));
    int all = a.layers().size() + a.unmatchedArtifact().size();
    out.println(
        lines.line(
            "compare.matched",
            texts.get(
                "compare.matchedValue",
                NumberText.count(a.layers().size()),
                NumberText.count(all))));
    out.println(lines.line("compare.bits", NumberText.fixed(a.meanBitsPerWeight(), 3)));
    String sqnr = NumberText.decibels(a.sqnrDb());
    out.println(lines.line("compare.sqnr", Double.isInfinite(a.sqnrDb()) ? sqnr : sqnr + " dB"));
    a.preset()
        .ifPresent(
            p ->
                out.println(
                    lines.line(
                        "compare.preset",
                        texts.get(
                            presetGuessed ? "compare.presetGuessed" : "compare.presetChosen",
                            p,
                            NumberText.count(a.disagreements())))));
    unmatched(out, "compare.unmatchedArtifact", a.unmatchedArtifact());
    unmatched(out, "compare.unmatchedOriginal", a.unmatchedOriginal());
    out.println();
    rows(out, a);
    out.println();
  }

  private void unmatched(PrintWriter out, String key, List<Layer> layers) {
    if (!layers.isEmpty()) {
      out.println(
          lines.line(key, layers.stream().map(Layer::name).collect(Collectors.joining(", "))));
    }
  }

  private void rows(PrintWriter out, ArtifactComparison a) {
    boolean predicted = a.preset().isPresent();
    String[] headings = {
      texts.get("compare.column.layer"),
      texts.get("compare.column.stored"),
      texts.get("analysis.column.bitsPerWeight"),
      texts.get("analysis.column.sqnr"),
      texts.get("analysis.column.mse"),
      texts.get("analysis.column.maxError"),
      texts.get("analysis.column.cosine"),
      texts.get("compare.column.predicted"),
      texts.get("compare.column.predictedSqnr"),
      texts.get("compare.column.verdict")
    };
    int[] widths = {NAME_WIDTH, FORM_WIDTH, 6, 9, 11, 11, 9, 14, 9, 8};
    int columns = predicted ? widths.length : widths.length - 3;
    StringBuilder row = new StringBuilder(" ");
    for (int i = 0; i < columns; i++) {
      boolean left = i < 2 || i == 7;
      row.append(" %").append(left ? "-" : "").append(LabelledLines.fit(widths[i], headings[i]));
      row.append('s');
    }
    String format = row.append("%n").toString();
    out.printf(Locale.ROOT, format, (Object[]) java.util.Arrays.copyOf(headings, columns));
    for (LayerComparison l : a.layers()) {
      ErrorStats s = l.stats();
      Optional<Prediction> p = l.prediction();
      Object[] cells = {
        TensorNames.shorten(TensorNames.withoutOperator(l.pairing().artifact().name()), NAME_WIDTH),
        StorageText.compact(l.pairing().artifact()),
        NumberText.fixed(l.bitsPerWeight(), 3),
        NumberText.decibels(s.sqnrDb()),
        NumberText.scientific(s.mse(), 3),
        NumberText.scientific(s.maxAbsError(), 3),
        NumberText.fixed(s.cosine(), 6),
        p.map(x -> x.scheme().id()).orElse(""),
        p.map(x -> NumberText.decibels(x.sqnrDb())).orElse(""),
        p.flatMap(Prediction::agrees)
            .map(ok -> texts.get(ok ? "compare.agrees" : "compare.differs"))
            .orElse("")
      };
      out.printf(Locale.ROOT, format, java.util.Arrays.copyOf(cells, columns));
    }
  }
}
