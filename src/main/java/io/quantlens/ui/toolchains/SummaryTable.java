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
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
    table
        .getColumns()
        .setAll(
            List.of(
                column("summaryFile", m.get("toolchains.column.file"), "", ComparedArtifact::name),
                column(
                    "summaryFormat",
                    m.get("toolchains.column.format"),
                    "OpenVINO",
                    a -> a.comparison().format()),
                column(
                    "summaryFileSize",
                    m.get("toolchains.column.fileSize"),
                    "999.99 MB",
                    a -> m.numbers().bytes(a.comparison().fileBytes())),
                column(
                    "summaryWeightBytes",
                    m.get("toolchains.column.weightBytes"),
                    "999.99 MB",
                    a -> m.numbers().bytes(a.comparison().weightBytes())),
                column(
                    "summaryBits",
                    m.get("toolchains.column.bits"),
                    "16.000",
                    a -> CompareText.bits(m, a.comparison().meanBitsPerWeight())),
                column(
                    "summarySqnr",
                    m.get("toolchains.column.modelSqnr"),
                    "99.99 dB",
                    a -> CompareText.decibels(m, a.comparison().sqnrDb())),
                column(
                    "summaryMatched",
                    m.get("toolchains.column.matched"),
                    m.get("toolchains.matchedValue", "999", "999"),
                    a -> matched(m, a)),
                column(
                    "summaryOnlyArtifact",
                    m.get("toolchains.column.onlyArtifact"),
                    "999",
                    a -> m.numbers().count(a.comparison().unmatchedArtifact().size())),
                column(
                    "summaryOnlyOriginal",
                    m.get("toolchains.column.onlyOriginal"),
                    "999",
                    a -> m.numbers().count(a.comparison().unmatchedOriginal().size())),
                column(
                    "summaryPreset",
                    m.get("toolchains.column.preset"),
                    "llama-q4_k_m",
                    a -> preset(m, a)),
                column(
                    "summaryDiffers",
                    m.get("toolchains.column.differs"),
                    "999",
                    a ->
                        a.comparison().preset().isEmpty()
                            ? "—"
                            : m.numbers().count(a.comparison().disagreements()))));
    // The file name is what a row is known by: it takes room first.
    table.getColumns().get(0).setPrefWidth(160);
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
      String id, String title, String widestValue, Function<ComparedArtifact, String> text) {
    TableColumn<ComparedArtifact, String> c = new TableColumn<>();
    c.setId(id);
    // A title wraps between its words, so eleven columns fit a 1024-pixel window.
    Label header = new Label(title);
    header.setWrapText(true);
    c.setGraphic(header);
    c.setMinWidth(
        Math.max(CompareText.wrappedHeaderWidth(title), CompareText.cellWidth(widestValue)));
    c.setPrefWidth(Math.max(c.getMinWidth(), CompareText.headerWidth(title)));
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
    return c;
  }
}
