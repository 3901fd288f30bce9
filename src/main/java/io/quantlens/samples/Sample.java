package io.quantlens.samples;

import java.util.List;

/**
 * A model shipped with QuantLens, with the evaluation set made for it.
 *
 * @param id short name, also the folder it is extracted to, e.g. {@code mnist-cnn}
 * @param title what it is, in a few words
 * @param description task, size and evaluation data
 * @param modelResource class-path resource of the {@code .onnx} file
 * @param modelFileName file name it is extracted as
 * @param evalResources class-path folder of its evaluation {@code .npy} files
 * @param evalFiles the files in that folder
 */
public record Sample(
    String id,
    String title,
    String description,
    String modelResource,
    String modelFileName,
    String evalResources,
    List<String> evalFiles) {
  public Sample {
    evalFiles = List.copyOf(evalFiles);
  }
}
