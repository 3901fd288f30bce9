package io.quantlens.cli;

import io.quantlens.formats.gguf.GgmlType;
import io.quantlens.formats.safetensors.SafetensorsWriter;
import io.quantlens.report.NumberText;
import io.quantlens.samples.synthetic.LlmShape;
import io.quantlens.samples.synthetic.SyntheticModels;
import io.quantlens.samples.synthetic.SyntheticModels.SafetensorsType;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quantlens generate OUT}: a Llama- or Phi-3-shaped model of random weights, for benchmarks
 * and for llama.cpp (its GGUF files carry the metadata and tokenizer llama.cpp loads).
 */
@Command(name = "generate", mixinStandardHelpOptions = true)
final class GenerateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "OUT", descriptionKey = "param.generate.out")
  private Path out;

  @Option(
      names = "--shape",
      paramLabel = "SHAPE",
      defaultValue = "llama-1b",
      descriptionKey = "option.generate.shape")
  private String shape;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      defaultValue = "f16",
      descriptionKey = "option.generate.type")
  private String type;

  @Option(
      names = "--shards",
      paramLabel = "N",
      defaultValue = "1",
      descriptionKey = "option.generate.shards")
  private int shards;

  @Option(names = "--layers", paramLabel = "N", descriptionKey = "option.generate.layers")
  private Integer layers;

  @Option(names = "--seed", defaultValue = "1", descriptionKey = "option.generate.seed")
  private long seed;

  @Option(names = "--force", descriptionKey = "option.generate.force")
  private boolean force;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  private final java.util.concurrent.atomic.AtomicInteger shownPercent =
      new java.util.concurrent.atomic.AtomicInteger(-1);

  /** True when {@code folder} has a safetensors index or shard the generation could replace. */
  private static boolean holdsSafetensors(Path folder) throws java.io.IOException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (var files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .anyMatch(n -> n.endsWith(".safetensors") || n.equals(SafetensorsWriter.INDEX_FILE_NAME));
    }
  }

  @Override
  public Integer call() throws Exception {
    Messages texts = CliText.of(spec);
    LlmShape model = LlmShape.byId(shape);
    if (layers != null) {
      if (layers < 1) {
        throw new IllegalArgumentException(texts.get("generate.error.layers", layers));
      }
      model = model.withLayers(layers);
    }
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gguf = name.endsWith(".gguf");
    if (!gguf && shards == 1 && !name.endsWith(".safetensors")) {
      throw new IllegalArgumentException(texts.get("generate.error.name", out.toString()));
    }
    if (Files.exists(out) && !force && !(shards > 1 && Files.isDirectory(out))) {
      throw new IllegalArgumentException(texts.get("generate.error.exists", out.toString()));
    }
    if (shards > 1 && !force && holdsSafetensors(out)) {
      throw new IllegalArgumentException(texts.get("generate.error.holds", out.toString()));
    }
    if (shards > 1) {
      Files.createDirectories(out);
    }
    PrintWriter err = spec.commandLine().getErr();
    long total = model.parameterCount();
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    Path written =
        gguf
            ? SyntheticModels.writeGguf(
                model, ggmlType(texts), seed, out, n -> show(err, texts, done.addAndGet(n), total))
            : SyntheticModels.writeSafetensors(
                model,
                safetensorsType(texts),
                shards,
                seed,
                out,
                n -> show(err, texts, done.addAndGet(n), total));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (System.console() != null) {
      err.print("\r\033[K");
      err.flush();
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println(
        texts.get(
            "generate.wrote",
            written.toString(),
            model.id(),
            NumberText.count(total),
            type.toLowerCase(Locale.ROOT),
            NumberText.fixed(seconds, 1)));
    o.flush();
    return ExitCodes.OK;
  }

  private GgmlType ggmlType(Messages texts) {
    try {
      return GgmlType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(texts.get("generate.error.ggufType", type));
    }
  }

  private SafetensorsType safetensorsType(Messages texts) {
    try {
      return SafetensorsType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(texts.get("generate.error.safetensorsType", type));
    }
  }

  private void show(PrintWriter err, Messages texts, long done, long total) {
    int percent = (int) (100 * done / Math.max(1, total));
    if (System.console() == null || shownPercent.getAndSet(percent) == percent) {
      return;
    }
    synchronized (err) {
      err.print("\r" + texts.get("progress.weights", String.valueOf(percent)));
      err.flush();
    }
  }
}
