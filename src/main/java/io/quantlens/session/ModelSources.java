package io.quantlens.session;

import io.quantlens.samples.Sample;
import io.quantlens.samples.SampleCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where models come from: a file, or the name of a bundled sample such as {@code mnist-cnn}. The
 * command line and the window resolve names the same way, in {@link Session#open(String)}.
 */
public final class ModelSources {
  /** The sample the workbench opens when started without a model. */
  public static final String DEFAULT_SAMPLE = "mnist-cnn";

  /** A bundled sample as offered in a menu. */
  public record SampleChoice(String id, String title, String description) {}

  private ModelSources() {}

  /**
   * A file path as given, or the extracted model of the sample so named; opened through {@link
   * Session#open(String)}, the one entry point.
   */
  static Path resolve(Path given) throws IOException {
    if (Files.exists(given) || given.getNameCount() != 1) {
      return given;
    }
    SampleCatalog catalog = SampleCatalog.atDefaultLocation();
    Optional<Sample> sample = catalog.byId(given.toString());
    if (sample.isPresent() && catalog.isAvailable(sample.get())) {
      return catalog.extract(sample.get());
    }
    return given;
  }

  /** The samples this build carries. */
  public static List<SampleChoice> samples() {
    SampleCatalog catalog = SampleCatalog.atDefaultLocation();
    return catalog.samples().stream()
        .filter(catalog::isAvailable)
        .map(s -> new SampleChoice(s.id(), s.title(), s.description()))
        .toList();
  }
}
