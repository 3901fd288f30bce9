package io.quantlens.samples.text;

import java.nio.file.Path;

/** Where the committed all-MiniLM-L6-v2 sample lives in the source tree. */
final class MiniLmSamples {
  private MiniLmSamples() {}

  static Path folder() {
    return Path.of(System.getProperty("basedir", "."), "sample-models", "all-minilm-l6-v2");
  }

  static Path sentences() {
    return folder().resolve("sentences.tsv");
  }

  static Path eval() {
    return folder().resolve("eval");
  }
}
