package io.quantlens.ui.dialogs;

import io.quantlens.model.Model;
import io.quantlens.session.ModelFacts;
import io.quantlens.text.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * What the open model's file says about itself: the facts {@code quantlens info} prints (format,
 * producer, operator sets, inputs and outputs with their shapes, layers, bytes by type; both read
 * {@link ModelFacts}), what the reader skipped, and every metadata key with its value in a
 * filterable table. The dialog takes the size of what it shows, up to most of the screen.
 */
public final class ModelInfoDialog extends Dialog<ButtonType> {
  /** Values wrap past this width. */
  static final double VALUE_WIDTH = 620;

  /** Metadata rows shown before the table scrolls. */
  static final int TABLE_ROWS = 10;

  static final double ROW_HEIGHT = 26;

  public ModelInfoDialog(Window owner, Messages m, Model model) {
    initOwner(owner);
    setTitle(m.get("info.title"));
    setResizable(true);

    VBox content = new VBox(10, facts(m, ModelFacts.of(model, m)));
    if (!model.metadata().notes().isEmpty()) {
      Label title = new Label(m.get("info.notes", model.metadata().notes().size()));
      title.getStyleClass().add("title-4");
      Label notes = new Label(String.join("\n", model.metadata().notes()));
      notes.setId("modelNotes");
      notes.setWrapText(true);
      notes.setMaxWidth(VALUE_WIDTH + 160);
      notes.getStyleClass().add("warning");
      content.getChildren().addAll(title, notes);
    }
    Map<String, String> stored = ModelFacts.storedMetadata(model);
    if (!stored.isEmpty()) {
      content.getChildren().addAll(metadataTable(m, stored));
    }
    content.setPadding(new Insets(4, 0, 0, 0));
    // Many inputs (a decoder's past key/value caches) make a long list: it scrolls rather than
    // growing past the screen.
    ScrollPane scroll = new ScrollPane(content);
    scroll.setId("modelInfoScroll");
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("edge-to-edge");
    double screenHeight = Screen.getPrimary().getVisualBounds().getHeight();
    scroll.setMaxHeight(Math.max(300, screenHeight * 0.8 - 120));
    getDialogPane().setContent(new VBox(scroll));
    // The theme caps dialogs at 600 px, too narrow for long keys next to their values.
    getDialogPane().setStyle("-fx-max-width: 1600px;");
    getDialogPane().setPadding(new Insets(14));
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    DialogButtons.label(getDialogPane(), m);
  }

  /** One row per fact; a key repeated (one "Stored as" per type, one "Input" per input) once. */
  private static GridPane facts(Messages m, List<ModelFacts.Fact> facts) {
    GridPane grid = new GridPane();
    grid.setId("modelFacts");
    grid.getStyleClass().add("model-facts");
    String previous = null;
    int row = 0;
    for (ModelFacts.Fact fact : facts) {
      String label = fact.key().equals(previous) ? "" : m.get("info.fact." + fact.key());
      previous = fact.key();
      Label key = new Label(label);
      key.getStyleClass().addAll("text-muted", "fact-key");
      key.setMinWidth(Region.USE_PREF_SIZE);
      Label value = new Label(fact.value());
      value.getStyleClass().add("fact-value");
      value.setUserData(fact);
      value.setWrapText(true);
      value.setMaxWidth(VALUE_WIDTH);
      value.setMinHeight(Region.USE_PREF_SIZE);
      GridPane.setValignment(key, VPos.TOP);
      grid.addRow(row++, key, value);
    }
    grid.setHgap(16);
    grid.setVgap(4);
    return grid;
  }

  private static VBox metadataTable(Messages m, Map<String, String> properties) {
    FilteredList<Map.Entry<String, String>> rows =
        new FilteredList<>(FXCollections.observableArrayList(properties.entrySet()));
    TextField filter = new TextField();
    filter.setPromptText(m.get("info.filter"));
    filter
        .textProperty()
        .addListener(
            (obs, old, now) -> {
              String needle = now.trim().toLowerCase(Locale.ROOT);
              rows.setPredicate(
                  e ->
                      needle.isEmpty()
                          || e.getKey().toLowerCase(Locale.ROOT).contains(needle)
                          || e.getValue().toLowerCase(Locale.ROOT).contains(needle));
            });
    TableView<Map.Entry<String, String>> table = new TableView<>(rows);
    table.setId("metadataTable");
    TableColumn<Map.Entry<String, String>, String> key = new TableColumn<>(m.get("info.key"));
    key.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getKey()));
    key.setPrefWidth(280);
    TableColumn<Map.Entry<String, String>, String> value = new TableColumn<>(m.get("info.value"));
    value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue()));
    value.setPrefWidth(440);
    table.getColumns().add(key);
    table.getColumns().add(value);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    // As tall as its rows up to TABLE_ROWS (plus the header), not a fixed block of empty rows.
    table.setFixedCellSize(ROW_HEIGHT);
    table.setPrefHeight((Math.min(properties.size(), TABLE_ROWS) + 1) * ROW_HEIGHT + 6);
    table.setMinHeight(Region.USE_PREF_SIZE);
    table.setPrefWidth(740);
    VBox.setVgrow(table, Priority.ALWAYS);
    Label title = new Label(m.get("info.metadata", properties.size()));
    title.getStyleClass().add("title-4");
    VBox box = new VBox(6, title, filter, table);
    VBox.setVgrow(box, Priority.ALWAYS);
    return box;
  }
}
