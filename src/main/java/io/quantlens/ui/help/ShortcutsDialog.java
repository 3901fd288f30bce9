package io.quantlens.ui.help;

import io.quantlens.text.Messages;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The menu bar's keyboard shortcuts, listed from its accelerators when the dialog opens. */
final class ShortcutsDialog extends Dialog<ButtonType> {
  ShortcutsDialog(Window owner, Messages m, List<Shortcut> shortcuts) {
    initOwner(owner);
    setTitle(m.get("help.shortcutsTitle"));
    GridPane grid = new GridPane();
    grid.setId("shortcutsGrid");
    grid.setHgap(18);
    grid.setVgap(5);
    grid.addRow(
        0, heading(m.get("help.keys")), heading(m.get("help.action")), heading(m.get("help.menu")));
    int row = 1;
    for (Shortcut s : shortcuts) {
      Label keys = new Label(s.keys());
      keys.getStyleClass().addAll("shortcut-keys", "text-bold");
      keys.setUserData(s);
      Label where = new Label(s.menu());
      where.getStyleClass().add("text-muted");
      grid.addRow(row++, keys, new Label(s.action()), where);
    }
    getDialogPane().setContent(grid);
    getDialogPane().setPadding(new Insets(14));
    getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
  }

  private static Label heading(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("title-4");
    return label;
  }
}
