package io.quantlens.ui.export;

import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.formats.openvino.OpenVinoReader;
import io.quantlens.session.PlanExports;
import io.quantlens.text.Messages;
import io.quantlens.ui.dialogs.Dialogs;
import io.quantlens.ui.state.FileWrites;
import io.quantlens.ui.state.OpenModel;
import io.quantlens.ui.state.PlanEditor;
import io.quantlens.ui.state.Services;
import io.quantlens.ui.state.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.concurrent.WorkerStateEvent;

/**
 * File ▸ Export quantized model: the plan written as the file the open model's toolchain takes, a
 * GGUF file from a GGUF model ({@link PlanExports#gguf}), an MLX folder from a safetensors one
 * ({@link PlanExports#mlx}; File ▸ Export as GGUF converts it for llama.cpp instead), a QDQ /
 * MatMulNBits ONNX file from an ONNX model ({@link PlanExports#onnx}), an NNCF-compressed IR from
 * an OpenVINO IR ({@link PlanExports#openvino}); in the background, with a notice when done or why
 * not.
 */
public final class ModelExports {
  private static final List<String> LLAMA_PRESETS =
      List.of("llama-q8_0", "llama-q4_0", "llama-q4_k_m");

  private final Workspace workspace;
  private final PlanEditor plans;
  private final Services services;
  private final Dialogs dialogs;

  public ModelExports(Workspace workspace, PlanEditor plans, Dialogs dialogs) {
    this.workspace = workspace;
    this.plans = plans;
    this.services = workspace.services();
    this.dialogs = dialogs;
  }

  /** Asks where, then writes; tells why not when the open model's format has no export. */
  public void exportModel() {
    OpenModel open = workspace.opened().get();
    if (open == null) {
      return;
    }
    Messages m = services.messages();
    String format = open.session().model().metadata().format();
    if (format.equals("GGUF")) {
      exportGguf();
    } else if (format.equals("ONNX")) {
      String name = baseName(open.file()) + "-quantized.onnx";
      dialogs
          .saveFile(
              m.get("exportModel.onnxTitle"), name, List.of(new Dialogs.FileType("ONNX", "*.onnx")))
          .ifPresent(this::writeOnnx);
    } else if (format.equals(OpenVinoReader.FORMAT)) {
      String name = baseName(open.file()) + "-nncf.xml";
      dialogs
          .saveFile(
              m.get("exportModel.openvinoTitle"),
              name,
              List.of(new Dialogs.FileType(OpenVinoReader.FORMAT, "*.xml")))
          .ifPresent(this::writeOpenVino);
    } else if (format.equals("safetensors")) {
      dialogs
          .folder(m.get("exportModel.mlxTitle"))
          .filter(
              f ->
                  !holdsExport(f) || dialogs.confirm(m.get("exportModel.replaceMlx"), f.toString()))
          .ifPresent(this::writeMlx);
    } else {
      services.notices().notice(m.get("exportModel.none", format));
    }
  }

  /**
   * File ▸ Export as GGUF: asks where, then writes the plan as GGUF, a GGUF model rewritten or a
   * Hugging Face safetensors checkpoint converted; tells why not for other formats.
   */
  public void exportGguf() {
    OpenModel open = workspace.opened().get();
    if (open == null) {
      return;
    }
    Messages m = services.messages();
    String format = open.session().model().metadata().format();
    if (!format.equals("GGUF") && !format.equals("safetensors")) {
      services.notices().notice(m.get("exportGguf.none", format));
      return;
    }
    String name = baseName(open.file()) + "-quantized.gguf";
    dialogs
        .saveFile(
            m.get("exportModel.ggufTitle"), name, List.of(new Dialogs.FileType("GGUF", "*.gguf")))
        .ifPresent(this::writeGguf);
  }

  /**
   * Writes the plan as GGUF to {@code file}; its file type is the llama.cpp preset it equals. A
   * converted checkpoint without a tokenizer QuantLens reads gets a second notice saying so.
   */
  public Task<Path> writeGguf(Path file) {
    AtomicBoolean placeholder = new AtomicBoolean();
    Task<Path> task =
        write(
            file,
            (open, plan) ->
                placeholder.set(
                    !open.session()
                        .exports()
                        .gguf(plan, presetOf(open, plan), file)
                        .realTokenizer()));
    Runnable warn =
        () -> {
          if (placeholder.get()) {
            services
                .notices()
                .notice(services.messages().get("exportGguf.placeholderVocabulary", file));
          }
        };
    if (task.getState() == Worker.State.SUCCEEDED) {
      warn.run();
    } else {
      // after the task's own "written" notice, which its onSucceeded posts after event handlers
      task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> Platform.runLater(warn));
    }
    return task;
  }

  /**
   * Writes the plan as an ONNX file with QDQ, MatMulNBits and FP16/BF16 (Cast) weights to {@code
   * file}.
   */
  public Task<Path> writeOnnx(Path file) {
    OpenModel open = workspace.opened().get();
    PrecisionPlan plan = plans.plan().get();
    return new FileWrites(services)
        .write(
            services.messages().get("exportModel.task", file.getFileName()),
            file,
            () -> open.session().exports().onnx(plan, file),
            "exportModel.done",
            "exportModel.error");
  }

  /** Writes the plan as an NNCF-compressed OpenVINO IR, {@code file} and its .bin beside it. */
  public Task<Path> writeOpenVino(Path file) {
    return write(file, (open, plan) -> open.session().exports().openvino(plan, file));
  }

  /** Writes the plan as an MLX folder into {@code folder}. */
  public Task<Path> writeMlx(Path folder) {
    return write(folder, (open, plan) -> open.session().exports().mlx(plan, folder));
  }

  private interface Export {
    void write(OpenModel open, PrecisionPlan plan) throws Exception;
  }

  private Task<Path> write(Path target, Export export) {
    OpenModel open = workspace.opened().get();
    PrecisionPlan plan = plans.plan().get();
    return new FileWrites(services)
        .write(
            services.messages().get("exportModel.task", target.getFileName()),
            target,
            () -> export.write(open, plan),
            "exportModel.done",
            "exportModel.error");
  }

  private static Optional<String> presetOf(OpenModel open, PrecisionPlan plan) {
    for (String id : LLAMA_PRESETS) {
      Optional<PlanPreset> p = PlanPresets.byId(id);
      if (p.isPresent() && p.get().planFor(open.session().model()).equals(plan)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * True when {@code folder} already holds model weights or a config a new export would replace.
   */
  static boolean holdsExport(Path folder) {
    return Files.exists(folder.resolve("model.safetensors"))
        || Files.exists(folder.resolve("config.json"));
  }
}
