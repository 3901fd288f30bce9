package io.quantlens.ui.table;

import io.quantlens.text.Messages;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * A layer's shortened name, cut at its start (its end tells layers apart) with the whole name in
 * the tooltip; on a block's heading, a fold arrow, the block and how many layers it holds.
 */
final class NameCell extends TableCell<LayerRow, String> {
  private final LayerTableModel model;
  private final Messages m;

  NameCell(LayerTableModel model, Messages m) {
    this.model = model;
    this.m = m;
    setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
  }

  @Override
  protected void updateItem(String item, boolean empty) {
    super.updateItem(item, empty);
    LayerRow row = getTableRow() == null ? null : getTableRow().getItem();
    if (empty || row == null) {
      setText(null);
      setTooltip(null);
      return;
    }
    if (row.isHeading()) {
      BlockGroup block = row.block();
      String arrow = model.isCollapsed(block.prefix()) ? "\u25b8 " : "\u25be ";
      setText(arrow + m.get("table.block", block.prefix(), block.layers()));
      setTooltip(new Tooltip(m.get("table.blockHint")));
      return;
    }
    setText(item);
    setTooltip(new Tooltip(row.name()));
  }
}
