package io.quantlens.fuzz;

import io.quantlens.analysis.AnalysisOptions;
import io.quantlens.analysis.UnanalysableTensorException;
import io.quantlens.cost.HardwareProfileException;
import io.quantlens.cost.HardwareProfiles;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.npy.Npy;
import io.quantlens.model.DType;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.model.Tensor;
import io.quantlens.quant.Scheme;
import io.quantlens.report.PlanJson;
import io.quantlens.report.ProjectJson;
import io.quantlens.session.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Mutated seed files (src/test/resources/fuzz/seeds) given to every reader: each either reads, and
 * then every tensor decodes and the model analyses, or it fails with the reader's own one-line
 * exception. Anything else (a runtime exception, an error) fails the property, and jqwik shrinks it
 * to a small case. The number of tries per target is {@code jqwik.tries.default}
 * (junit-platform.properties; {@code mvn verify -Pfuzz} runs many more). A finding is committed
 * under src/test/resources/fuzz/regressions and kept by {@link FuzzRegressionsTest}.
 */
class ReaderFuzzTest {
  static final Path SEEDS = Path.of("src/test/resources/fuzz/seeds");

  private Path dir;

  @BeforeProperty
  void makeFolder() throws IOException {
    dir = Files.createTempDirectory("quantlens-fuzz");
  }

  @AfterProperty
  void removeFolder() throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Property
  void onnx(@ForAll("onnx") byte[] file) throws Exception {
    FileChecks.model(write(file, "m.onnx"));
  }

  @Property
  void gguf(@ForAll("gguf") byte[] file) throws Exception {
    FileChecks.model(write(file, "m.gguf"));
  }

  @Property
  void safetensors(@ForAll("safetensors") byte[] file) throws Exception {
    FileChecks.model(write(file, "m.safetensors"));
  }

  @Property
  void openVinoXml(@ForAll("openVinoXml") byte[] file) throws Exception {
    Files.write(dir.resolve("m.bin"), seed("nncf.bin"));
    FileChecks.model(write(file, "m.xml"));
  }

  @Property
  void openVinoBin(@ForAll("openVinoBin") byte[] file) throws Exception {
    Files.write(dir.resolve("m.xml"), seed("nncf.xml"));
    write(file, "m.bin");
    FileChecks.model(dir.resolve("m.xml"));
  }

  @Property
  void npy(@ForAll("npy") byte[] file) throws Exception {
    FileChecks.npy(write(file, "x.npy"));
  }

  @Property
  void plan(@ForAll("plan") byte[] file) throws Exception {
    FileChecks.plan(write(file, "plan.json"));
  }

  @Property
  void project(@ForAll("project") byte[] file) throws Exception {
    Files.copy(
        SEEDS.resolve("matmul.onnx"),
        dir.resolve("matmul.onnx"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    FileChecks.project(write(file, "p.quantlens.json"));
  }

  @Property
  void hardwareProfile(@ForAll("profile") byte[] file) throws Exception {
    FileChecks.profile(write(file, "raspberry-pi-5-cpu.json"));
  }

  @Provide
  Arbitrary<byte[]> onnx() {
    return Mutations.of(seed("matmul.onnx"), seed("qdq-transpose.onnx"));
  }

  @Provide
  Arbitrary<byte[]> gguf() {
    return Mutations.of(seed("blocks.gguf"));
  }

  @Provide
  Arbitrary<byte[]> safetensors() {
    return Mutations.of(seed("small.safetensors"));
  }

  @Provide
  Arbitrary<byte[]> openVinoXml() {
    return Mutations.of(seed("nncf.xml"));
  }

  @Provide
  Arbitrary<byte[]> openVinoBin() {
    return Mutations.of(seed("nncf.bin"));
  }

  @Provide
  Arbitrary<byte[]> npy() {
    return Mutations.of(seed("x.npy"));
  }

  @Provide
  Arbitrary<byte[]> plan() {
    return Mutations.of(seed("plan.json"));
  }

  @Provide
  Arbitrary<byte[]> project() {
    return Mutations.of(seed("seed.quantlens.json"));
  }

  @Provide
  Arbitrary<byte[]> profile() {
    return Mutations.of(seed("raspberry-pi-5-cpu.json"));
  }

  static byte[] seed(String name) {
    try {
      return Files.readAllBytes(SEEDS.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path write(byte[] bytes, String name) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  /** What a reader may do with a file: read it whole, or refuse it with its own exception. */
  static final class FileChecks {
    private FileChecks() {}

    static void model(Path file) throws Exception {
      Model model;
      try {
        model = ModelFiles.open(file);
      } catch (ModelFormatException e) {
        return;
      }
      for (Tensor t : model.initializers()) {
        if (t.dtype() != DType.OTHER) { // listed only: the reader says it cannot decode those
          decode(t);
        }
      }
      if (model.layers().isEmpty()) {
        return;
      }
      try {
        Session.open(file)
            .analyze(
                new AnalysisOptions(
                    List.of(Scheme.parse("int8"), Scheme.parse("int4:g32:sym")), 64, 1));
      } catch (ModelFormatException | UnanalysableTensorException e) {
        // refused with a message naming the file
      }
    }

    /** Reads every value (at most 2^20 of each tensor, in chunks) through its reader. */
    private static void decode(Tensor t) {
      long n = Math.min(t.elementCount(), 1 << 20);
      float[] chunk = new float[(int) Math.min(n, 4096)];
      for (long at = 0; at < n; at += chunk.length) {
        int count = (int) Math.min(chunk.length, n - at);
        t.reader().read(at, chunk, 0, count);
      }
    }

    static void npy(Path file) throws Exception {
      try {
        Npy.read(file);
      } catch (ModelFormatException e) {
        // refused
      }
    }

    static void plan(Path file) throws Exception {
      try {
        PlanJson.read(file);
      } catch (ModelFormatException e) {
        // refused
      }
    }

    static void project(Path file) throws Exception {
      try {
        ProjectJson.read(file);
      } catch (IOException e) {
        // refused with its own ProjectFileException (an IOException naming the file)
      }
    }

    static void profile(Path file) throws Exception {
      try {
        HardwareProfiles.read(file);
      } catch (HardwareProfileException e) {
        // refused
      }
    }
  }

  /** Seeds with one to four mutations, the kinds that found this project's reader bugs. */
  static final class Mutations {
    private Mutations() {}

    static Arbitrary<byte[]> of(byte[]... seeds) {
      return Arbitraries.of(seeds)
          .flatMap(
              seed ->
                  Arbitraries.integers()
                      .between(1, 4)
                      .flatMap(
                          n ->
                              mutation(seed.length)
                                  .list()
                                  .ofSize(n)
                                  .map(
                                      list -> {
                                        byte[] out = seed.clone();
                                        for (Mutation m : list) {
                                          out = m.apply(out);
                                        }
                                        return out;
                                      })));
    }

    private static Arbitrary<Mutation> mutation(int length) {
      Arbitrary<Integer> at = Arbitraries.integers().between(0, Math.max(0, length - 1));
      Arbitrary<Long> interesting =
          Arbitraries.of(
              0L,
              1L,
              -1L,
              255L,
              65535L,
              (long) Integer.MAX_VALUE,
              1L << 31,
              1L << 32,
              1L << 40,
              1L << 62,
              Long.MAX_VALUE,
              Long.MIN_VALUE);
      return Arbitraries.oneOf(
          at.flatMap(i -> Arbitraries.integers().between(0, 7).map(bit -> flip(i, bit))),
          at.flatMap(i -> interesting.map(v -> put(i, v, 4))),
          at.flatMap(i -> interesting.map(v -> put(i, v, 8))),
          at.map(Mutations::truncate),
          at.flatMap(i -> Arbitraries.integers().between(1, 64).map(k -> duplicate(i, k))));
    }

    interface Mutation {
      byte[] apply(byte[] in);
    }

    private static Mutation flip(int at, int bit) {
      return in -> {
        if (at < in.length) {
          in[at] ^= (byte) (1 << bit);
        }
        return in;
      };
    }

    private static Mutation put(int at, long value, int width) {
      return in -> {
        for (int i = 0; i < width && at + i < in.length; i++) {
          in[at + i] = (byte) (value >>> (8 * i));
        }
        return in;
      };
    }

    private static Mutation truncate(int length) {
      return in -> java.util.Arrays.copyOf(in, Math.min(length, in.length));
    }

    private static Mutation duplicate(int at, int span) {
      return in -> {
        int from = Math.min(at, in.length);
        int to = Math.min(in.length, from + span);
        byte[] out = new byte[in.length + (to - from)];
        System.arraycopy(in, 0, out, 0, to);
        System.arraycopy(in, from, out, to, in.length - from);
        return out;
      };
    }
  }
}
