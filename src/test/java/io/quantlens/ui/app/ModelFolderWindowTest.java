package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File ▸ Open model folder… and a dropped folder open the model the folder holds. */
class ModelFolderWindowTest extends WorkbenchTest {
  @TempDir Path temp;

  private Path folderWithMnist(String name) throws Exception {
    Path folder = Files.createDirectories(temp.resolve(name));
    Files.copy(WorkbenchFixture.MNIST, folder.resolve("mnist-cnn.onnx"));
    Files.writeString(folder.resolve("README.md"), "one model");
    return folder;
  }

  private static Path openedSource(Workbench app) {
    return onFx(() -> app.workspace().opened().get().session().model().source());
  }

  @Test
  void openFolderAsksForAFolderAndOpensItsModel() throws Exception {
    Path folder = folderWithMnist("chosen");
    Workbench app = fixture.app;
    fixture.dialogs.answerFolder(folder);
    fx(() -> app.actions().openFolder());
    Path model = folder.resolve("mnist-cnn.onnx");
    WorkbenchFixture.waitUntil(
        60,
        () ->
            app.workspace().opened().get() != null
                && model.equals(app.workspace().opened().get().session().model().source()));
    fixture.waitForIdle();
    assertEquals(model, openedSource(app));
    assertEquals(4, onFx(() -> app.workspace().opened().get().session().model().layers().size()));
    assertEquals(
        List.of("Open a model folder (MLX, Hugging Face, ONNX Runtime GenAI)"),
        List.copyOf(fixture.dialogs.folderTitles()));
  }

  @Test
  void aDroppedFolderOpensItsModel() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Path folder = folderWithMnist("dropped");
    Workbench app = fixture.app;
    fx(() -> app.openDropped(folder));
    Path model = folder.resolve("mnist-cnn.onnx");
    WorkbenchFixture.waitUntil(
        60, () -> model.equals(app.workspace().opened().get().session().model().source()));
    fixture.waitForIdle();
    assertEquals(model, openedSource(app));
  }
}
