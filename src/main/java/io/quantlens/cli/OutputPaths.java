package io.quantlens.cli;

import io.quantlens.text.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule for a command's outputs, checked before it reads or computes anything: an output never
 * replaces one of the command's inputs, and two outputs never share a path. (An existing file at an
 * output path is replaced, since the user named that path.)
 */
final class OutputPaths {
  private OutputPaths() {}

  /**
   * @param inputs the files the command reads (null entries are skipped)
   * @param outputs the files it writes, by the option that names each (null paths are skipped)
   * @param texts the command line's texts, for the message
   * @throws IllegalArgumentException naming the options and the path they share
   */
  static void check(List<Path> inputs, Map<String, Path> outputs, Messages texts)
      throws IOException {
    List<Map.Entry<String, Path>> named = new ArrayList<>();
    outputs.forEach(
        (option, path) -> {
          if (path != null) {
            named.add(Map.entry(option, path));
          }
        });
    for (int i = 0; i < named.size(); i++) {
      Path output = named.get(i).getValue();
      for (Path input : inputs) {
        if (input != null && same(input, output)) {
          throw new IllegalArgumentException(
              texts.get("paths.isInput", named.get(i).getKey(), output));
        }
      }
      for (int j = 0; j < i; j++) {
        if (same(named.get(j).getValue(), output)) {
          throw new IllegalArgumentException(
              texts.get("paths.shared", named.get(j).getKey(), named.get(i).getKey(), output));
        }
      }
    }
  }

  /** Outputs by option: {@code named("--csv", csv, "--json", json)}; null paths allowed. */
  static Map<String, Path> named(Object... optionsAndPaths) {
    Map<String, Path> outputs = new LinkedHashMap<>();
    for (int i = 0; i < optionsAndPaths.length; i += 2) {
      outputs.put((String) optionsAndPaths[i], (Path) optionsAndPaths[i + 1]);
    }
    return outputs;
  }

  /** The model, the plan file (or null) and further input files. */
  static List<Path> inputs(Path model, Path plan, List<Path> more) {
    List<Path> inputs = new ArrayList<>(more);
    inputs.add(model);
    inputs.add(plan);
    return inputs;
  }

  private static boolean same(Path a, Path b) throws IOException {
    if (Files.exists(a) && Files.exists(b)) {
      return Files.isSameFile(a, b);
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
