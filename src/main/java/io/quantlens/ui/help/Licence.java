package io.quantlens.ui.help;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A library the jar bundles and its licence, as the build writes them into {@code licences.txt}
 * from the pom's dependencies.
 *
 * @param name the library's name
 * @param coordinates its Maven {@code groupId:artifactId}
 * @param version the version bundled
 * @param licence the SPDX identifier of its licence, e.g. {@code Apache-2.0}
 * @param url where the licence text is
 */
public record Licence(String name, String coordinates, String version, String licence, String url) {
  /** Where Maven puts the filtered {@code assets/about/licences.txt}. */
  public static final String RESOURCE = "/io/quantlens/about/licences.txt";

  /** The bundled list, in its order. */
  public static List<Licence> bundled() {
    try (InputStream in = Licence.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      List<Licence> all = new ArrayList<>();
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\\s*\\|\\s*");
        if (f.length != 5) {
          throw new IllegalStateException(RESOURCE + ": not five fields: " + line);
        }
        all.add(new Licence(f[0].trim(), f[1], f[2], f[3], f[4].trim()));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
