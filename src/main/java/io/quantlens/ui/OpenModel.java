package io.quantlens.ui;

import io.quantlens.analysis.ModelAnalysis;
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
record OpenModel(String source, Path file, Session session, ModelAnalysis analysis) {
  String title() {
    return file.getFileName().toString();
  }

  OpenModel withAnalysis(ModelAnalysis more) {
    return new OpenModel(source, file, session, more);
  }
}
