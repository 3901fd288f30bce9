package io.quantlens.ui.table;

import io.quantlens.ui.table.SchemeChoices.Choice;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.util.StringConverter;

/**
 * A scheme cell (a weight scheme or an input activation scheme): an editable combo box offering the
 * listed schemes, into which any scheme text can be typed. A text the parser rejects is not
 * committed; its message shows under the cell.
 *
 * @param <T> the scheme type, parsed from text and written back as its id
 */
final class SchemeCell<T> extends TableCell<LayerRow, T> {
  private final Supplier<List<Choice>> choices;
  private final Function<String, T> parser;
  private final Function<T, String> id;
  private final ComboBox<Choice> combo = new ComboBox<>();
  private final Tooltip error = new Tooltip();
  private boolean filling;

  /** {@code parser} throws IllegalArgumentException, with the message to show, for bad text. */
  SchemeCell(Supplier<List<Choice>> choices, Function<String, T> parser, Function<T, String> id) {
    this.choices = choices;
    this.parser = parser;
    this.id = id;
    getStyleClass().add("scheme-cell");
    combo.setId("schemeEditor");
    combo.setEditable(true);
    combo.setMaxWidth(Double.MAX_VALUE);
    combo.setVisibleRowCount(16);
    combo.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Choice choice) {
            return choice == null ? "" : choice.text();
          }

          @Override
          public Choice fromString(String text) {
            return new Choice(text == null ? "" : text.trim(), false);
          }
        });
    combo.setCellFactory(list -> new ChoiceCell());
    // The arrow keys step over a heading to the scheme beyond it, in the direction they go.
    combo
        .getSelectionModel()
        .selectedIndexProperty()
        .addListener(
            (obs, old, now) -> {
              int at = now.intValue();
              if (at >= 0 && at < combo.getItems().size() && combo.getItems().get(at).header()) {
                int next = old.intValue() > at && at > 0 ? at - 1 : at + 1;
                Platform.runLater(() -> combo.getSelectionModel().select(next));
              }
            });
    combo.setOnAction(
        e -> {
          Choice chosen = combo.getValue();
          if (!filling && isEditing() && chosen != null && !chosen.header()) {
            tryCommit(chosen.text());
          }
        });
    combo.getEditor().textProperty().addListener((obs, old, now) -> error.hide());
    // A click into the text opens the list too, as it does on a non-editable combo box.
    combo
        .getEditor()
        .addEventHandler(
            MouseEvent.MOUSE_CLICKED,
            e -> {
              if (!combo.isShowing()) {
                combo.show();
              }
            });
    // Enter tries the typed text even when it equals the last one (the combo's value, unchanged,
    // would fire no action), so a rejected text is explained again.
    combo.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            e.consume();
            tryCommit(combo.getEditor().getText());
          } else if (e.getCode() == KeyCode.ESCAPE) {
            e.consume();
            cancelEdit();
          }
        });
    error.setId("schemeError");
    error.getStyleClass().add("scheme-error");
    error.setWrapText(true);
    error.setAutoHide(false);
    error.setHideOnEscape(false);
    error.setMaxWidth(420);
    addEventFilter(MouseEvent.MOUSE_PRESSED, this::keepMultiSelection);
  }

  /**
   * A press on a row of a multi-row selection would select that row alone before the edit starts
   * (the cell behaviour's late select), so the edit meant for the whole selection would reach one
   * row: such a press starts the edit itself and leaves the selection alone.
   */
  private void keepMultiSelection(MouseEvent e) {
    TableView<LayerRow> table = getTableView();
    if (table == null
        || isEmpty()
        || isEditing()
        || e.getButton() != MouseButton.PRIMARY
        || e.isShiftDown()
        || e.isShortcutDown()) {
      return;
    }
    var selection = table.getSelectionModel();
    if (selection.getSelectedIndices().size() > 1 && selection.isSelected(getIndex())) {
      e.consume();
      table.requestFocus();
      table.getFocusModel().focus(getIndex(), getTableColumn());
      table.edit(getIndex(), getTableColumn());
    }
  }

  @Override
  public void startEdit() {
    if (getTableRow() != null
        && getTableRow().getItem() != null
        && getTableRow().getItem().isHeading()) {
      return; // a block's heading has no scheme of its own
    }
    super.startEdit();
    if (!isEditing()) {
      return;
    }
    filling = true;
    combo.getItems().setAll(choices.get());
    combo.setValue(getItem() == null ? null : new Choice(id.apply(getItem()), false));
    filling = false;
    setText(null);
    setGraphic(combo);
    combo.getEditor().requestFocus();
    combo.getEditor().selectAll();
  }

  @Override
  public void cancelEdit() {
    super.cancelEdit();
    error.hide();
    show(getItem());
  }

  @Override
  public void commitEdit(T scheme) {
    error.hide();
    combo.hide();
    super.commitEdit(scheme);
  }

  @Override
  protected void updateItem(T item, boolean empty) {
    super.updateItem(item, empty);
    if (empty) {
      setText(null);
      setGraphic(null);
    } else if (!isEditing()) {
      show(item);
    }
  }

  private void show(T scheme) {
    setGraphic(null);
    setText(isEmpty() || scheme == null ? null : id.apply(scheme));
  }

  private void tryCommit(String text) {
    if (!isEditing()) {
      return;
    }
    try {
      commitEdit(parser.apply(text));
    } catch (IllegalArgumentException e) {
      showError(e.getMessage());
    }
  }

  private void showError(String message) {
    error.setText(message);
    Bounds bounds = localToScreen(getBoundsInLocal());
    if (bounds != null) {
      combo.hide();
      error.show(this, bounds.getMinX(), bounds.getMaxY() + 2);
    }
  }

  /** A list line: a scheme, or a group heading that cannot be picked. */
  private static final class ChoiceCell extends ListCell<Choice> {
    @Override
    protected void updateItem(Choice item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().remove("scheme-header");
      setText(empty || item == null ? null : item.text());
      setDisable(!empty && item != null && item.header());
      if (!empty && item != null && item.header()) {
        getStyleClass().add("scheme-header");
      }
    }
  }
}
