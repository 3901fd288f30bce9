package io.quantlens.report;

import io.quantlens.files.AtomicWrite;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The model outputs {@code eval --save-outputs DIR} writes: {@code DIR/quantized/NAME.npy} and
 * {@code DIR/reference/NAME.npy}, one float32 array per model output with the samples stacked on
 * axis 0 ({@link NpyRowsWriter}). Every file is written at once or none is, and none replaces a
 * file that is already there.
 */
public final class SavedOutputs {
  public static final String QUANTIZED = "quantized";
  public static final String REFERENCE = "reference";

  /** Longest file name stem kept from an output name, so that a file name fits any file system. */
  private static final int MAX_STEM = 100;

  private SavedOutputs() {}

  /** Fills the arrays, batch by batch; may throw its own checked exception. */
  @FunctionalInterface
  public interface Fill<E extends Exception> {
    void fill(Map<Path, NpyRowsWriter> arrays) throws IOException, E;
  }

  /**
   * Output name → file name, in the order given: characters other than {@code A-Z a-z 0-9 . _ -}
   * become {@code _}, as for evaluation data; an empty name, or one starting with {@code .}, gets a
   * leading {@code _}; a name longer than 100 characters is cut; and a name that then equals an
   * earlier one, ignoring case, gets {@code _2}, {@code _3}, … So {@code logits} is {@code
   * logits.npy} and {@code /encoder/out:0} is {@code _encoder_out_0.npy}.
   */
  public static Map<String, String> fileNames(List<String> outputs) {
    Map<String, String> names = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (String output : outputs) {
      String stem = output.replaceAll("[^A-Za-z0-9._-]", "_");
      if (stem.isEmpty() || stem.startsWith(".")) {
        stem = "_" + stem;
      }
      if (stem.length() > MAX_STEM) {
        stem = stem.substring(0, MAX_STEM);
      }
      String unique = stem;
      for (int n = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); n++) {
        unique = stem + "_" + n;
      }
      names.put(output, unique + ".npy");
    }
    return names;
  }

  /**
   * Writes every one of {@code targets} as an array of {@code rows} rows filled by {@code fill}:
   * all of them, or none when anything fails. The folders must exist ({@link AtomicWrite#prepare}).
   *
   * @throws FileAlreadyExistsException when a target exists already; nothing is written
   */
  public static <E extends Exception> void write(List<Path> targets, int rows, Fill<E> fill)
      throws IOException, E {
    for (Path target : targets) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(
            target.toString(), null, "already exists; QuantLens does not replace it");
      }
    }
    try {
      nest(targets, 0, rows, new LinkedHashMap<>(), fill);
    } catch (Carried c) {
      @SuppressWarnings("unchecked")
      E cause = (E) c.getCause();
      throw cause;
    }
  }

  /**
   * Opens target {@code i} through {@link AtomicWrite} and the rest inside it, so that the files
   * move into place only once the innermost fill has returned.
   */
  private static <E extends Exception> void nest(
      List<Path> targets, int i, int rows, Map<Path, NpyRowsWriter> open, Fill<E> fill)
      throws IOException {
    if (i == targets.size()) {
      try {
        fill.fill(open);
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new Carried(e);
      }
      for (NpyRowsWriter array : open.values()) {
        array.finish();
      }
      return;
    }
    Path target = targets.get(i);
    AtomicWrite.write(
        target,
        channel -> {
          open.put(target, new NpyRowsWriter(target, channel, rows));
          nest(targets, i + 1, rows, open, fill);
        });
  }

  /** Carries the fill's own checked exception through {@link AtomicWrite.Work}. */
  private static final class Carried extends IOException {
    private static final long serialVersionUID = 1L;

    Carried(Exception cause) {
      super(cause);
    }
  }
}
