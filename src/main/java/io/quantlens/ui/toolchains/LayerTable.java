package io.quantlens.ui.toolchains;

import io.quantlens.analysis.compare.LayerComparison;
import io.quantlens.analysis.compare.Prediction;
import io.quantlens.model.StorageText;
import io.quantlens.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The layers of the shown artifacts, one row per original layer, a group of columns per artifact:
 * stored form, bits per weight, SQNR, max error, cosine, and the preset's scheme, SQNR and verdict.
 * A row where a shown artifact stores the layer otherwise than predicted carries the style class
 * {@value #DIFFERS} and says {@code differs} in its verdict column.
 */
final class LayerTable {
  static final String DIFFERS = "toolchain-differs";

  private final Messages m;
  private final TableView<LayerGrid.Row> table = new TableView<>();
  private List<Integer> shown = List.of();

  LayerTable(Messages m) {
    this.m = m;
    table.setId("toolchainLayers");
    table.getStyleClass().add("toolchain-layers");
    table.setPlaceholder(new Label(m.get("toolchains.layers.empty")));
    table.setRowFactory(
        t ->
            new TableRow<>() {
              @Override
              protected void updateItem(LayerGrid.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove(DIFFERS);
                if (!empty && row != null && differs(row)) {
                  getStyleClass().add(DIFFERS);
                }
              }
            });
  }

  TableView<LayerGrid.Row> table() {
    return table;
  }

  /** True when one of the shown artifacts stores the row's layer otherwise than predicted. */
  boolean differs(LayerGrid.Row row) {
    return shown.stream()
        .anyMatch(a -> CompareText.differs(row.cell(a).flatMap(LayerComparison::prediction)));
  }

  /**
   * Shows {@code rows} with the columns of the artifacts at {@code indices} (positions in the rows'
   * cells), each group headed by its artifact's name.
   */
  void show(List<LayerGrid.Row> rows, List<Integer> indices, List<String> names) {
    shown = List.copyOf(indices);
    List<TableColumn<LayerGrid.Row, ?>> columns = new ArrayList<>();
    TableColumn<LayerGrid.Row, String> layer = new TableColumn<>(m.get("toolchains.column.layer"));
    layer.setId("layerOriginal");
    layer.setPrefWidth(260);
    layer.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().original()));
    columns.add(layer);
    for (int i = 0; i < indices.size(); i++) {
      columns.add(group(indices.get(i), names.get(i)));
    }
    table.getColumns().setAll(columns);
    table.getItems().setAll(rows);
  }

  private TableColumn<LayerGrid.Row, String> group(int a, String name) {
    TableColumn<LayerGrid.Row, String> group = new TableColumn<>(name);
    group.setId("artifact-" + a);
    TableColumn<LayerGrid.Row, String> stored =
        cell(
            a,
            "stored",
            m.get("toolchains.column.stored"),
            95,
            l -> StorageText.compact(l.pairing().artifact()));
    stored.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                LayerGrid.Row row = empty ? null : getTableRow().getItem();
                Optional<LayerComparison> l = row == null ? Optional.empty() : row.cell(a);
                setTooltip(
                    l.map(x -> x.pairing().artifact().storage())
                        .filter(s -> !s.isEmpty())
                        .map(Tooltip::new)
                        .orElse(null));
              }
            });
    group
        .getColumns()
        .setAll(
            List.of(
                stored,
                cell(
                    a,
                    "bits",
                    m.get("toolchains.column.bits"),
                    75,
                    l -> CompareText.bits(m, l.bitsPerWeight())),
                cell(
                    a,
                    "sqnr",
                    m.get("toolchains.column.sqnr"),
                    90,
                    l -> CompareText.decibels(m, l.stats().sqnrDb())),
                cell(
                    a,
                    "maxError",
                    m.get("toolchains.column.maxError"),
                    115,
                    l -> m.numbers().significant(l.stats().maxAbsError())),
                cell(
                    a,
                    "cosine",
                    m.get("toolchains.column.cosine"),
                    80,
                    l -> m.numbers().format("%.6f", l.stats().cosine())),
                cell(
                    a,
                    "predicted",
                    m.get("toolchains.column.predicted"),
                    85,
                    l -> l.prediction().map(p -> p.scheme().id()).orElse("")),
                cell(
                    a,
                    "predictedSqnr",
                    m.get("toolchains.column.predictedSqnr"),
                    125,
                    l -> l.prediction().map(p -> CompareText.decibels(m, p.sqnrDb())).orElse("")),
                verdict(a)));
    return group;
  }

  private TableColumn<LayerGrid.Row, String> verdict(int a) {
    TableColumn<LayerGrid.Row, String> c =
        cell(
            a,
            "verdict",
            m.get("toolchains.column.verdict"),
            115,
            l -> CompareText.verdict(m, l.prediction()));
    c.setCellFactory(
        col ->
            new TableCell<>() {
              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().remove("verdict-differs");
                LayerGrid.Row row = empty ? null : getTableRow().getItem();
                Optional<Prediction> p =
                    row == null
                        ? Optional.empty()
                        : row.cell(a).flatMap(LayerComparison::prediction);
                if (CompareText.differs(p)) {
                  getStyleClass().add("verdict-differs");
                }
              }
            });
    return c;
  }

  private static TableColumn<LayerGrid.Row, String> cell(
      int a, String id, String title, double width, Function<LayerComparison, String> text) {
    TableColumn<LayerGrid.Row, String> c = new TableColumn<>(title);
    c.setId(id + "-" + a);
    c.setPrefWidth(Math.max(width, CompareText.headerWidth(title)));
    c.setCellValueFactory(
        row -> new ReadOnlyStringWrapper(row.getValue().cell(a).map(text).orElse("—")));
    return c;
  }
}
