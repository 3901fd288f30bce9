package io.quantlens.ui.toolchains;

import io.quantlens.analysis.compare.ArtifactComparison;
import java.nio.file.Path;

/**
 * One artifact the window has compared with the open model.
 *
 * @param comparison what the engine measured
 * @param presetGuessed true when the preset came from what the artifact says about itself
 */
public record ComparedArtifact(ArtifactComparison comparison, boolean presetGuessed) {
  public Path file() {
    return comparison.file();
  }

  /** The name the tables, the legend and the notices use. */
  public String name() {
    Path name = comparison.file().getFileName();
    return name == null ? comparison.file().toString() : name.toString();
  }
}
