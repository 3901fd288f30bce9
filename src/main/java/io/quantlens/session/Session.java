package io.quantlens.session;

import io.quantlens.analysis.AnalysisCache;
import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.AnalysisProgress;
import io.quantlens.analysis.Analyzer;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * One open model and the analysis results cached for it. The command line and the window both work
 * through a session, so they compute the same numbers the same way.
 */
public final class Session {
  private final Model model;
  private final AnalysisCache cache = new AnalysisCache();

  private Session(Model model) {
    this.model = model;
  }

  public static Session open(Path file) throws ModelFormatException {
    return new Session(ModelFiles.open(file));
  }

  public Model model() {
    return model;
  }

  /** Analyses every layer; schemes already analysed for a tensor come from the cache. */
  public ModelAnalysis analyze(
      AnalysisOptions options, AnalysisProgress progress, BooleanSupplier cancelled)
      throws InterruptedException {
    return new Analyzer(cache).analyze(model, options, progress, cancelled);
  }

  public ModelAnalysis analyze(AnalysisOptions options) throws InterruptedException {
    return analyze(options, AnalysisProgress.NONE, () -> false);
  }

  /** Forgets cached results (the next analysis re-reads the weights). */
  public Session withEmptyCache() {
    return new Session(model);
  }
}
