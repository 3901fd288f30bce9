package io.quantlens.ui.toolchains;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.analysis.compare.LayerMapping;
import io.quantlens.analysis.compare.LayerMatcher;
import io.quantlens.analysis.compare.Pairings;
import io.quantlens.model.Model;
import io.quantlens.session.MappingFiles;
import io.quantlens.session.Session;
import io.quantlens.text.Messages;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.task.BackgroundTask;
import io.quantlens.ui.text.ErrorText;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The toolchains window's state: the artifacts compared with the open model (its original), the
 * comparison under way and those waiting, the preset and mapping the next comparisons use, and one
 * line saying what happened last. Comparisons run one at a time through the workbench's task
 * runner, with the open model's session, so predictions reuse its analysis cache.
 */
public final class ToolchainsModel {
  private final Workspace workspace;
  private final Messages m;
  private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
  private final ObservableList<ComparedArtifact> artifacts = FXCollections.observableArrayList();
  private final ObservableList<ComparedArtifact> artifactsView =
      FXCollections.unmodifiableObservableList(artifacts);
  private final ReadOnlyObjectWrapper<Model> original = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Task<ArtifactComparison>> comparing =
      new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<PresetChoice> preset =
      new ReadOnlyObjectWrapper<>(PresetChoice.AUTO);
  private final ReadOnlyObjectWrapper<Path> mappingFile = new ReadOnlyObjectWrapper<>();
  private final Deque<Path> waiting = new ArrayDeque<>();
  private final BooleanBinding canAdd;
  private LayerMapping mapping = LayerMapping.NONE;

  public ToolchainsModel(Workspace workspace) {
    this.workspace = workspace;
    this.m = workspace.services().messages();
    canAdd = workspace.opened().isNotNull();
    workspace.opened().addListener((obs, old, now) -> originalChanged(now));
  }

  /** The compared artifacts, in the order they were added. */
  public ObservableList<ComparedArtifact> artifacts() {
    return artifactsView;
  }

  /** The model the artifacts were compared with, or null before the first comparison. */
  public ReadOnlyObjectProperty<Model> original() {
    return original.getReadOnlyProperty();
  }

  /** The comparison under way, or null. */
  public ReadOnlyObjectProperty<Task<ArtifactComparison>> comparing() {
    return comparing.getReadOnlyProperty();
  }

  /** What happened last: an artifact compared, a comparison cancelled; empty at first. */
  public ReadOnlyStringProperty status() {
    return status.getReadOnlyProperty();
  }

  /** The preset the next comparisons predict with. */
  public ReadOnlyObjectProperty<PresetChoice> preset() {
    return preset.getReadOnlyProperty();
  }

  /** Chooses the preset of the next comparisons; null keeps the one chosen. */
  public void setPreset(PresetChoice choice) {
    if (choice != null) {
      preset.set(choice);
    }
  }

  /** The mapping file the next comparisons match with, or null. */
  public ReadOnlyObjectProperty<Path> mappingFile() {
    return mappingFile.getReadOnlyProperty();
  }

  /** A model is open to compare with. */
  public BooleanBinding canAdd() {
    return canAdd;
  }

  /** Compares each of {@code files} with the open model, one after another, in the background. */
  public void add(List<Path> files) {
    if (workspace.opened().get() == null) {
      return;
    }
    waiting.addAll(files);
    if (comparing.get() == null) {
      next();
    }
  }

  /** Compares every listed artifact again with the current preset and mapping. */
  public void compareAgain() {
    List<Path> files = artifacts.stream().map(ComparedArtifact::file).toList();
    artifacts.clear();
    add(files);
  }

  /** Stops the comparison under way and drops those waiting; none of them leaves a row. */
  public void cancel() {
    Task<ArtifactComparison> running = comparing.get();
    waiting.clear();
    comparing.set(null);
    if (running != null) {
      running.cancel(true);
      status.set(m.get("toolchains.cancelled", running.getTitle()));
    }
  }

  /** Selects {@code layer} of the open model in the whole window (the table, the detail view). */
  public void select(String layer) {
    if (workspace.opened().get() != null) {
      workspace.select(layer);
    }
  }

  public void remove(ComparedArtifact artifact) {
    artifacts.remove(artifact);
  }

  /** Reads {@code file} as the layer mapping of the next comparisons; a notice when it cannot. */
  public void setMapping(Path file) {
    try {
      mapping = MappingFiles.read(file);
      mappingFile.set(file);
    } catch (Exception e) {
      workspace
          .services()
          .notices()
          .error(m.get("toolchains.error.mapping", file.getFileName(), ErrorText.of(e, m)));
    }
  }

  public void clearMapping() {
    mapping = LayerMapping.NONE;
    mappingFile.set(null);
  }

  /**
   * Takes over {@code old}'s artifacts, preset and mapping (a language switch builds the window
   * again): they stay while the same model file is open.
   */
  public void carryOver(ToolchainsModel old) {
    original.set(old.original.get());
    artifacts.setAll(old.artifacts);
    preset.set(old.preset.get());
    mapping = old.mapping;
    mappingFile.set(old.mappingFile.get());
  }

  private void originalChanged(OpenModel now) {
    Model before = original.get();
    if (now == null || before == null || !before.source().equals(now.file())) {
      // the artifacts were measured against another model: they are not about this one
      if (before != null) {
        cancel();
        artifacts.clear();
        original.set(null);
        status.set("");
      }
    }
  }

  private void next() {
    OpenModel open = workspace.opened().get();
    Path file = waiting.poll();
    if (file == null || open == null) {
      waiting.clear();
      return;
    }
    Session session = open.session();
    Model base = session.model();
    PresetChoice choice = preset.get();
    LayerMapping map = mapping;
    Path mapFile = mappingFile.get();
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    int left = waiting.size();
    BackgroundTask<ArtifactComparison> task =
        BackgroundTask.of(
            name,
            t -> {
              t.message(m.get("toolchains.task.opening", name));
              Model artifact = Session.open(file).requireLayers().model();
              t.checkCancelled();
              Pairings pairings = LayerMatcher.match(base, artifact, map, mapFile);
              Optional<PlanPreset> predictWith = choice.resolve(artifact);
              t.message(
                  left == 0
                      ? m.get("toolchains.task.comparing", name)
                      : m.get("toolchains.task.comparingMore", name, m.numbers().count(left)));
              return session.compare(
                  artifact, pairings, predictWith, threads, t::progress, t::isCancelled);
            });
    task.message(m.get("toolchains.task.opening", name));
    task.setOnSucceeded(
        e -> {
          if (comparing.get() != task) {
            return; // cancelled after its work had ended
          }
          comparing.set(null);
          if (workspace.isOpen(open)) {
            original.set(base);
            artifacts.add(
                new ComparedArtifact(task.getValue(), choice.kind() == PresetChoice.Kind.AUTO));
            status.set(m.get("toolchains.compared", name));
          }
          next();
        });
    task.setOnFailed(
        e -> {
          if (comparing.get() != task) {
            return;
          }
          comparing.set(null);
          Throwable t = task.getException();
          if (t instanceof CancellationException || t instanceof InterruptedException) {
            status.set(m.get("toolchains.cancelled", name));
          } else {
            status.set(m.get("toolchains.failed", name));
            workspace
                .services()
                .notices()
                .error(m.get("toolchains.error", name, ErrorText.of(t, m)));
          }
          next();
        });
    comparing.set(task);
    workspace.services().tasks().submit(task);
  }
}
