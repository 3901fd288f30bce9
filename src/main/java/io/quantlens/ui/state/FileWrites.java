package io.quantlens.ui.state;

import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.text.ErrorText;
import java.nio.file.Path;
import javafx.concurrent.Task;

/** Writes one file in the background and tells the user it is written, or why not. */
public final class FileWrites {
  /** One file's writing. */
  public interface Work {
    void write() throws Exception;
  }

  private final Services services;

  public FileWrites(Services services) {
    this.services = services;
  }

  /**
   * Writes {@code file}; the notice is the message {@code doneKey}, the error {@code errorKey},
   * each with the file (and the problem).
   */
  public Task<Path> write(String title, Path file, Work work, String doneKey, String errorKey) {
    BackgroundTask<Path> task =
        BackgroundTask.of(
            title,
            () -> {
              work.write();
              return file;
            });
    task.setOnSucceeded(e -> services.notices().notice(services.messages().get(doneKey, file)));
    task.setOnFailed(
        e ->
            services
                .notices()
                .error(
                    services
                        .messages()
                        .get(
                            errorKey,
                            file,
                            ErrorText.of(task.getException(), services.messages()))));
    return services.tasks().submit(task);
  }
}
