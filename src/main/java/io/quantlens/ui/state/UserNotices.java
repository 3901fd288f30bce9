package io.quantlens.ui.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the window tells the user: errors, and work that finished (an export written). View models
 * post here; the window shows them as notifications.
 */
public final class UserNotices {
  private final List<Consumer<String>> errorListeners = new ArrayList<>();
  private final List<Consumer<String>> noticeListeners = new ArrayList<>();
  private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper();

  public void onError(Consumer<String> listener) {
    errorListeners.add(listener);
  }

  public void onNotice(Consumer<String> listener) {
    noticeListeners.add(listener);
  }

  /** The last error shown to the user, or null. */
  public ReadOnlyStringProperty lastError() {
    return lastError.getReadOnlyProperty();
  }

  public void error(String message) {
    lastError.set(message);
    errorListeners.forEach(l -> l.accept(message));
  }

  /** Tells the user something finished, e.g. an export. */
  public void notice(String message) {
    noticeListeners.forEach(l -> l.accept(message));
  }
}
