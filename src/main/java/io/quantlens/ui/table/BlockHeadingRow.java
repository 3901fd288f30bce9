package io.quantlens.ui.table;

import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/** A table row that, on a block's heading, folds or unfolds the block when clicked. */
final class BlockHeadingRow extends TableRow<LayerRow> {
  private static final PseudoClass HEADING = PseudoClass.getPseudoClass("block-heading");

  BlockHeadingRow(LayerTableModel model) {
    setOnMouseClicked(
        e -> {
          if (e.getButton() == MouseButton.PRIMARY && isHeading()) {
            model.toggle(getItem().name());
          }
        });
    setOnKeyPressed(
        e -> {
          if ((e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) && isHeading()) {
            model.toggle(getItem().name());
            e.consume();
          }
        });
  }

  private boolean isHeading() {
    return !isEmpty() && getItem() != null && getItem().isHeading();
  }

  @Override
  protected void updateItem(LayerRow item, boolean empty) {
    super.updateItem(item, empty);
    pseudoClassStateChanged(HEADING, !empty && item != null && item.isHeading());
  }
}
