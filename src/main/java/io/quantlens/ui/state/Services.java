package io.quantlens.ui.state;

import io.quantlens.text.Messages;
import io.quantlens.ui.task.TaskRunner;
import javafx.util.Duration;

/**
 * What every view model needs: where background work runs, the window's texts, where to tell the
 * user, and how long a plan change waits before accuracy is measured again.
 *
 * @param measureDelay zero in tests, which then wait for FX events rather than sleep
 */
public record Services(
    TaskRunner tasks, Messages messages, UserNotices notices, Duration measureDelay) {}
