package io.quantlens.cli;

import io.quantlens.samples.SampleCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A MODEL argument: a file, or the name of a bundled sample such as {@code mnist-cnn}. */
final class ModelArgument {
  private ModelArgument() {}

  static Path resolve(Path given) throws IOException {
    if (Files.exists(given) || given.getNameCount() != 1) {
      return given;
    }
    SampleCatalog catalog = SampleCatalog.atDefaultLocation();
    Optional<io.quantlens.samples.Sample> sample = catalog.byId(given.toString());
    if (sample.isPresent() && catalog.isAvailable(sample.get())) {
      return catalog.extract(sample.get());
    }
    return given;
  }
}
