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
                column("summaryFile", m.get("toolchains.column.file"), 150, ComparedArtifact::name),
                column(
                    "summaryFormat",
                    m.get("toolchains.column.format"),
                    0,
                    a -> a.comparison().format()),
                column(
                    "summaryFileSize",
                    m.get("toolchains.column.fileSize"),
                    0,
                    a -> m.numbers().bytes(a.comparison().fileBytes())),
                column(
                    "summaryWeightBytes",
                    m.get("toolchains.column.weightBytes"),
                    0,
                    a -> m.numbers().bytes(a.comparison().weightBytes())),
                column(
                    "summaryBits",
                    m.get("toolchains.column.bits"),
                    0,
                    a -> CompareText.bits(m, a.comparison().meanBitsPerWeight())),
                column(
                    "summarySqnr",
                    m.get("toolchains.column.modelSqnr"),
                    0,
                    a -> CompareText.decibels(m, a.comparison().sqnrDb())),
                column("summaryMatched", m.get("toolchains.column.matched"), 0, a -> matched(m, a)),
                column(
                    "summaryOnlyArtifact",
                    m.get("toolchains.column.onlyArtifact"),
                    0,
                    a -> m.numbers().count(a.comparison().unmatchedArtifact().size())),
                column(
                    "summaryOnlyOriginal",
                    m.get("toolchains.column.onlyOriginal"),
                    0,
                    a -> m.numbers().count(a.comparison().unmatchedOriginal().size())),
                column("summaryPreset", m.get("toolchains.column.preset"), 140, a -> preset(m, a)),
                column(
                    "summaryDiffers",
                    m.get("toolchains.column.differs"),
                    0,
                    a ->
                        a.comparison().preset().isEmpty()
                            ? "—"
                            : m.numbers().count(a.comparison().disagreements()))));
    // The file name is what a row is known by: it keeps its width when the columns are squeezed.
    table.getColumns().get(0).setMinWidth(150);
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
    c.setMinWidth(CompareText.headerWidth(title));
    c.setPrefWidth(Math.max(width, c.getMinWidth()));
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
    return c;
  }
}
