package io.quantlens.ui.dialogs;

import io.quantlens.model.Model;
import io.quantlens.session.ModelFacts;
import io.quantlens.ui.text.Messages;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * What the open model's file says about itself: the headline facts, what the reader skipped, and
 * every metadata key with its value in a filterable table.
 */
public final class ModelInfoDialog extends Dialog<ButtonType> {

  public ModelInfoDialog(Window owner, Messages m, Model model) {
    initOwner(owner);
    setTitle(m.get("info.title"));
    setResizable(true);

    GridPane facts = new GridPane();
    facts.setId("modelFacts");
    facts.getStyleClass().add("model-facts");
    int row = 0;
    String previous = null;
    for (ModelFacts.Fact fact : ModelFacts.of(model)) {
      // Repeated facts (one "Stored as" per type) name their key once.
      String label = fact.key().equals(previous) ? "" : m.get("info.fact." + fact.key());
      previous = fact.key();
      Label key = new Label(label);
      key.getStyleClass().add("text-muted");
      Label value = new Label(fact.value());
      value.setWrapText(true);
      facts.addRow(row++, key, value);
    }
    facts.setHgap(16);
    facts.setVgap(4);

    VBox content = new VBox(10, facts);
    if (!model.metadata().notes().isEmpty()) {
      Label title = new Label(m.get("info.notes", model.metadata().notes().size()));
      title.getStyleClass().add("title-4");
      Label notes = new Label(String.join("\n", model.metadata().notes()));
      notes.setId("modelNotes");
      notes.setWrapText(true);
      notes.getStyleClass().add("warning");
      content.getChildren().addAll(title, notes);
    }
    Map<String, String> stored = ModelFacts.storedMetadata(model);
    if (!stored.isEmpty()) {
      content.getChildren().addAll(metadataTable(m, stored));
    }
    content.setPadding(new Insets(4, 0, 0, 0));
    getDialogPane().setContent(content);
    // The theme caps dialogs at 600 px, too narrow for long keys next to their values.
    getDialogPane().setStyle("-fx-max-width: 1600px;");
    getDialogPane().setPrefSize(780, 700);
    getDialogPane().setMinSize(520, 420);
    getDialogPane().setPadding(new Insets(14));
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
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
    table.setMinHeight(180);
    VBox.setVgrow(table, Priority.ALWAYS);
    Label title = new Label(m.get("info.metadata", properties.size()));
    title.getStyleClass().add("title-4");
    VBox box = new VBox(6, title, filter, table);
    VBox.setVgrow(box, Priority.ALWAYS);
    return box;
  }
}
