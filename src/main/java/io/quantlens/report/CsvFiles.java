package io.quantlens.report;

import io.quantlens.files.AtomicWrite;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV files atomically with a header, {@code \n} line ends and round-trip numbers ({@link
 * NumberText#roundTrip}).
 */
public final class CsvFiles {
  /** Prints the rows of one file. */
  @FunctionalInterface
  public interface Rows {
    void printTo(CSVPrinter csv) throws IOException;
  }

  private CsvFiles() {}

  public static void write(Path file, List<String> columns, Rows rows) throws IOException {
    AtomicWrite.writeStream(
        file,
        out -> {
          var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          CSVFormat format =
              CSVFormat.DEFAULT
                  .builder()
                  .setHeader(columns.toArray(String[]::new))
                  .setRecordSeparator('\n')
                  .get();
          try (CSVPrinter csv = new CSVPrinter(writer, format)) {
            rows.printTo(csv);
          }
        });
  }

  /** An index, or empty when it is -1 (does not apply). */
  static String index(long value) {
    return value < 0 ? "" : Long.toString(value);
  }
}
