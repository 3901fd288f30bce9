package io.quantlens.session;

import io.quantlens.analysis.AnalysisCache;
import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.AnalysisProgress;
import io.quantlens.analysis.Analyzer;
import io.quantlens.analysis.ModelAnalysis;
import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.UnanalysableTensorException;
import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.analysis.compare.Comparer;
import io.quantlens.analysis.compare.Pairings;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.CostComparison;
import io.quantlens.cost.CostModel;
import io.quantlens.cost.HardwareProfile;
import io.quantlens.cost.LayerOnlyWorkloads;
import io.quantlens.cost.ModelCost;
import io.quantlens.cost.Workload;
import io.quantlens.cost.WorkloadCosts;
import io.quantlens.cost.WorkloadShapes;
import io.quantlens.eval.DataOrigin;
import io.quantlens.eval.EvalData;
import io.quantlens.eval.EvalDataLoader;
import io.quantlens.eval.EvalException;
import io.quantlens.eval.EvalOptions;
import io.quantlens.eval.EvalTask;
import io.quantlens.eval.Evaluator;
import io.quantlens.eval.GeneratedInputs;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.InputDims;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.samples.SampleCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * One open model and the analysis results cached for it. The command line and the window both work
 * through a session, so they compute the same numbers the same way.
 */
public final class Session {
  private final Model model;
  private final AnalysisCache cache = new AnalysisCache();
  private final Map<Workload, WorkloadCosts> workloads = new ConcurrentHashMap<>();
  // The FP32 baseline every comparison is made against, estimated once per setting.
  private final Map<CostSetting, ModelCost> fp32Costs = new ConcurrentHashMap<>();
  private final Map<CostSetting, ModelCost> storedCosts = new ConcurrentHashMap<>();

  private record CostSetting(
      Workload workload, HardwareProfile hardware, CostAssumptions assumptions) {}

  private Session(Model model) {
    this.model = model;
  }

  /**
   * Opens a model: the one way the command line and the window do. {@code source} is a model file
   * or the name of a bundled sample ({@code mnist-cnn}, see {@link ModelSources#samples}), whose
   * files are extracted on first use.
   *
   * @throws ModelFormatException naming the file when there is none (and, for a bare name, the
   *     samples there are), or when it is no model QuantLens reads
   * @throws IOException when a sample cannot be extracted
   */
  public static Session open(String source) throws IOException, ModelFormatException {
    return open(Path.of(source));
  }

  /** {@link #open(String)} for a source given as a path (as the command line parses it). */
  public static Session open(Path source) throws IOException, ModelFormatException {
    Path file = ModelSources.resolve(source);
    if (!Files.exists(file)) {
      throw new ModelFormatException(file, missing(source));
    }
    return new Session(ModelFiles.open(file));
  }

  private static String missing(Path source) {
    if (source.getNameCount() != 1 || source.isAbsolute()) {
      return "no such file";
    }
    String samples =
        String.join(
            ", ", ModelSources.samples().stream().map(ModelSources.SampleChoice::id).toList());
    return "no such file, and no bundled sample of that name (samples: " + samples + ")";
  }

  public Model model() {
    return model;
  }

  /**
   * This session, for commands that analyse, evaluate or cost weights and so need layers.
   *
   * @throws ModelFormatException naming the file and, from the reader's note, what the graph has
   *     when no weight layer was found
   */
  public Session requireLayers() throws ModelFormatException {
    if (model.layers().isEmpty()) {
      String why =
          model.metadata().notes().stream()
              .filter(n -> n.startsWith("no weight layer"))
              .findFirst()
              .orElse("no weight layer found");
      throw new ModelFormatException(model.source(), why);
    }
    return this;
  }

  /** Analyses every layer; schemes already analysed for a tensor come from the cache. */
  public ModelAnalysis analyze(
      AnalysisOptions options, AnalysisProgress progress, BooleanSupplier cancelled)
      throws InterruptedException {
    try {
      return new Analyzer(cache).analyze(model, options, progress, cancelled);
    } catch (UnanalysableTensorException e) {
      throw new UnanalysableTensorException(model.source() + ": " + e.getMessage());
    }
  }

  public ModelAnalysis analyze(AnalysisOptions options) throws InterruptedException {
    return analyze(options, AnalysisProgress.NONE, () -> false);
  }

  /** Writes the plans of this session's model as the files the toolchains take. */
  public PlanExports exports() {
    return new PlanExports(model);
  }

  /**
   * Compares an artifact a toolchain made with this session's model, its original; a preset's
   * predictions come from (and fill) this session's analysis cache.
   *
   * @param preset the preset whose plan is put beside each layer, or empty for none
   */
  public ArtifactComparison compare(
      Model artifact,
      Pairings pairings,
      Optional<PlanPreset> preset,
      int threads,
      AnalysisProgress progress,
      BooleanSupplier cancelled)
      throws InterruptedException {
    return new Comparer(model, cache, threads)
        .compare(artifact, pairings, preset, progress, cancelled);
  }

  /**
   * Why measured accuracy is unavailable for this model, or empty when it can be measured: it needs
   * a graph ONNX Runtime can run, which safetensors and GGUF files do not hold.
   */
  public Optional<String> whyAccuracyCannotBeMeasured() {
    if (LayerOnlyWorkloads.appliesTo(model)) {
      return Optional.of(
          "measured accuracy needs an ONNX model; this "
              + model.metadata().format()
              + " file holds weights without a graph to run (weight SQNR and costs are shown)");
    }
    return Optional.empty();
  }

  /**
   * The evaluation data: {@code folder} when given; else the {@code eval} folder next to the model
   * (how bundled samples ship theirs); else seeded generated inputs, good for agreement metrics
   * only, their symbolic dimensions at their defaults.
   */
  public EvalData evalData(Path folder) throws IOException, ModelFormatException {
    return evalData(folder, InputDims.defaults());
  }

  /**
   * As {@link #evalData(Path)}, with generated inputs sized by {@code dims}; the data read from a
   * folder keeps its own sizes.
   */
  public EvalData evalData(Path folder, InputDims dims) throws IOException, ModelFormatException {
    Optional<String> missing = whyAccuracyCannotBeMeasured();
    if (missing.isPresent()) {
      throw new ModelFormatException(model.source(), missing.get());
    }
    if (folder != null) {
      return EvalDataLoader.load(folder, model, DataOrigin.FOLDER);
    }
    Path beside = model.source().toAbsolutePath().resolveSibling(SampleCatalog.EVAL_FOLDER);
    if (Files.isDirectory(beside)) {
      boolean bundled = SampleCatalog.atDefaultLocation().sampleAt(model.source()).isPresent();
      return EvalDataLoader.load(beside, model, bundled ? DataOrigin.BUNDLED : DataOrigin.FOLDER);
    }
    return GeneratedInputs.forModel(model, dims, 0);
  }

  /**
   * An evaluator comparing {@code output} (the first output when {@code null}) on {@code data}; the
   * caller closes it.
   */
  public Evaluator evaluator(EvalData data, String output, EvalOptions options)
      throws ModelFormatException, EvalException {
    Optional<String> missing = whyAccuracyCannotBeMeasured();
    if (missing.isPresent()) {
      throw new ModelFormatException(model.source(), missing.get());
    }
    return new Evaluator(model, data, EvalTask.detect(model, output), options);
  }

  /** The inputs whose symbolic dimensions (sequence length, image side) a workload can set. */
  public java.util.List<io.quantlens.model.ValueInfo> workloadInputs() {
    return LayerOnlyWorkloads.inputs(model);
  }

  /** Shapes, MACs and activation bytes of every node for {@code workload}; measured once. */
  public WorkloadCosts workloadCosts(Workload workload) throws ModelFormatException {
    WorkloadCosts known = workloads.get(workload);
    if (known == null) {
      known = WorkloadShapes.measure(model.source(), model, workload);
      workloads.put(workload, known);
    }
    return known;
  }

  /** The measurement of {@code workload} if it was already made: lets a window stay responsive. */
  public Optional<WorkloadCosts> measuredWorkload(Workload workload) {
    return Optional.ofNullable(workloads.get(workload));
  }

  /** The cost of {@code plan} on {@code hardware}, next to the model's as stored and FP32's. */
  public CostComparison cost(
      Workload workload, PrecisionPlan plan, HardwareProfile hardware, CostAssumptions assumptions)
      throws ModelFormatException {
    WorkloadCosts measured = workloadCosts(workload);
    ModelCost fp32 =
        fp32Costs.computeIfAbsent(
            new CostSetting(workload, hardware, assumptions),
            k ->
                CostModel.estimate(
                    model, measured, workload, PrecisionPlan.fp32(), hardware, assumptions));
    ModelCost stored =
        storedCosts.computeIfAbsent(
            new CostSetting(workload, hardware, assumptions),
            k -> CostModel.estimateAsStored(model, measured, workload, hardware, assumptions));
    return new CostComparison(
        CostModel.estimate(model, measured, workload, plan, hardware, assumptions), stored, fp32);
  }

  /** Forgets cached results (the next analysis re-reads the weights). */
  public Session withEmptyCache() {
    return new Session(model);
  }
}
