package io.quantlens.ui.state;

import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.cost.LayerOnlyWorkloads;
import io.quantlens.model.Model;
import io.quantlens.session.Session;
import java.nio.file.Path;

/**
 * A model open in the window with its analysis.
 *
 * @param source what the user opened: a path or a sample name
 * @param file the model file
 * @param session the session the numbers come from
 * @param analysis every layer under every analysed scheme
 */
public record OpenModel(String source, Path file, Session session, ModelAnalysis analysis) {
  public String title() {
    return file.getFileName().toString();
  }

  /**
   * True for a graphless file (safetensors, GGUF) that stores some weights in fewer bits than
   * float32 (q4_k, f16, …): the window's sizes are of the plan's weights, not of the file.
   */
  public boolean sizesAreNotTheFiles() {
    Model model = session.model();
    return LayerOnlyWorkloads.appliesTo(model)
        && model.layers().stream().anyMatch(l -> l.weight().dtype().bits() < 32);
  }

  public OpenModel withAnalysis(ModelAnalysis more) {
    return new OpenModel(source, file, session, more);
  }
}
