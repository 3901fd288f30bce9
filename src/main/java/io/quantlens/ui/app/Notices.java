package io.quantlens.ui.app;

import io.quantlens.text.Messages;
import io.quantlens.ui.state.UserNotices;
import javafx.scene.Node;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Shows errors and completed work as notifications over the window. */
final class Notices {
  /**
   * Characters per line: a notification's label does not wrap, so a long error (a path, ONNX
   * Runtime's message) would run off the window's left edge in one line.
   */
  static final int LINE = 90;

  Notices(UserNotices notices, Messages messages, Node owner) {
    notices.onError(
        text ->
            Notifications.create()
                .owner(owner)
                .title(messages.get("notice.error"))
                .text(wrap(text, LINE))
                .hideAfter(Duration.seconds(12))
                .showError());
    notices.onNotice(
        text ->
            Notifications.create()
                .owner(owner)
                .text(wrap(text, LINE))
                .hideAfter(Duration.seconds(8))
                .showInformation());
  }

  /** {@code text} broken at spaces into lines of at most {@code width} characters where it can. */
  static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    String[] paragraphs = text.split("\n", -1);
    for (int i = 0; i < paragraphs.length; i++) {
      String paragraph = paragraphs[i];
      if (i > 0) {
        out.append('\n');
      }
      int lineStart = out.length();
      for (String word : paragraph.split(" ")) {
        if (out.length() > lineStart && out.length() - lineStart + 1 + word.length() > width) {
          out.append('\n');
          lineStart = out.length();
        } else if (out.length() > lineStart) {
          out.append(' ');
        }
        out.append(word);
      }
    }
    return out.toString();
  }
}
