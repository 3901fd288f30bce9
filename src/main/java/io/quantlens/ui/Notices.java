package io.quantlens.ui;

import javafx.scene.Node;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Shows errors and completed work as notifications over the window. */
final class Notices {
  Notices(WorkbenchModel model, Node owner) {
    model.onError(
        text ->
            Notifications.create()
                .owner(owner)
                .title(model.messages().get("notice.error"))
                .text(text)
                .hideAfter(Duration.seconds(12))
                .showError());
    model.onNotice(
        text ->
            Notifications.create()
                .owner(owner)
                .text(text)
                .hideAfter(Duration.seconds(4))
                .showInformation());
  }
}
