package io.quantlens.ui;

import io.quantlens.model.Model;
import io.quantlens.session.ModelFacts;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What the open model's file says about itself: the headline facts, what the reader skipped, and
 * every metadata key with its value in a filterable table.
 */
final class ModelInfoDialog extends Dialog<ButtonType> {

  ModelInfoDialog(Workbench app, Model model) {
    Messages m = app.model().messages();
    initOwner(app.window());
    setTitle(m.get("info.title"));
    setResizable(true);

    GridPane facts = new GridPane();
    facts.setId("modelFacts");
    facts.getStyleClass().add("model-facts");
    int row = 0;
    for (ModelFacts.Fact fact : ModelFacts.of(model)) {
      Label key = new Label(m.get("info.fact." + fact.key()));
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
    if (!model.metadata().properties().isEmpty()) {
      content.getChildren().addAll(metadataTable(m, model.metadata().properties()));
    }
    content.setPrefSize(760, 560);
    getDialogPane().setContent(content);
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
    VBox.setVgrow(table, Priority.ALWAYS);
    Label title = new Label(m.get("info.metadata", properties.size()));
    title.getStyleClass().add("title-4");
    VBox box = new VBox(6, title, filter, table);
    VBox.setVgrow(box, Priority.ALWAYS);
    return box;
  }
}
