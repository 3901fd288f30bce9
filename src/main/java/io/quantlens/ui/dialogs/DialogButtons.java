package io.quantlens.ui.dialogs;

import io.quantlens.text.Messages;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;

/**
 * Labels a dialog's OK, Cancel and Close buttons in the window's language: JavaFX names them from
 * its own bundles, which have no Vietnamese, so a Vietnamese window showed them in English.
 */
public final class DialogButtons {
  private DialogButtons() {}

  public static void label(DialogPane pane, Messages m) {
    for (ButtonType type : pane.getButtonTypes()) {
      String key =
          type == ButtonType.OK
              ? "dialog.ok"
              : type == ButtonType.CANCEL
                  ? "dialog.cancel"
                  : type == ButtonType.CLOSE ? "dialog.close" : null;
      if (key != null && pane.lookupButton(type) instanceof Labeled button) {
        button.setText(m.get(key));
      }
    }
  }
}
