package io.quantlens.ui.toolchains;

import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.text.Messages;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** One row per compared artifact: its file, sizes, bits, model SQNR, matches and prediction. */
final class SummaryTable {
  private SummaryTable() {}

  static TableView<ComparedArtifact> create(ToolchainsModel model, Messages m) {
    TableView<ComparedArtifact> table = new TableView<>(model.artifacts());
    table.setId("toolchainSummary");
    table.setPlaceholder(new Label(m.get("toolchains.summary.empty")));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table
        .getColumns()
        .setAll(
            List.of(
                column("summaryFile", m.get("toolchains.column.file"), 180, ComparedArtifact::name),
                column(
                    "summaryFormat",
                    m.get("toolchains.column.format"),
                    90,
                    a -> a.comparison().format()),
                column(
                    "summaryFileSize",
                    m.get("toolchains.column.fileSize"),
                    90,
                    a -> m.numbers().bytes(a.comparison().fileBytes())),
                column(
                    "summaryWeightBytes",
                    m.get("toolchains.column.weightBytes"),
                    100,
                    a -> m.numbers().bytes(a.comparison().weightBytes())),
                column(
                    "summaryBits",
                    m.get("toolchains.column.bits"),
                    70,
                    a -> CompareText.bits(m, a.comparison().meanBitsPerWeight())),
                column(
                    "summarySqnr",
                    m.get("toolchains.column.modelSqnr"),
                    100,
                    a -> CompareText.decibels(m, a.comparison().sqnrDb())),
                column(
                    "summaryMatched", m.get("toolchains.column.matched"), 90, a -> matched(m, a)),
                column(
                    "summaryUnmatched",
                    m.get("toolchains.column.unmatched"),
                    110,
                    a ->
                        m.get(
                            "toolchains.unmatchedValue",
                            m.numbers().count(a.comparison().unmatchedArtifact().size()),
                            m.numbers().count(a.comparison().unmatchedOriginal().size()))),
                column("summaryPreset", m.get("toolchains.column.preset"), 150, a -> preset(m, a)),
                column(
                    "summaryDiffers",
                    m.get("toolchains.column.differs"),
                    110,
                    a ->
                        a.comparison().preset().isEmpty()
                            ? "—"
                            : m.numbers().count(a.comparison().disagreements()))));
    return table;
  }

  private static String matched(Messages m, ComparedArtifact a) {
    ArtifactComparison c = a.comparison();
    return m.get(
        "toolchains.matchedValue",
        m.numbers().count(c.layers().size()),
        m.numbers().count(c.layers().size() + c.unmatchedArtifact().size()));
  }

  private static String preset(Messages m, ComparedArtifact a) {
    return a.comparison()
        .preset()
        .map(id -> a.presetGuessed() ? m.get("toolchains.presetGuessed", id) : id)
        .orElse(m.get("toolchains.preset.none"));
  }

  private static TableColumn<ComparedArtifact, String> column(
      String id, String title, double width, Function<ComparedArtifact, String> text) {
    TableColumn<ComparedArtifact, String> c = new TableColumn<>(title);
    c.setId(id);
    c.setPrefWidth(width);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
    return c;
  }
}
