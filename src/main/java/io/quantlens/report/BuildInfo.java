package io.quantlens.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of QuantLens is: its version, written into {@code build.properties} from the
 * pom's {@code project.version} when the jar is built, for report files and the About dialog.
 */
public final class BuildInfo {
  /** Where Maven puts the filtered {@code assets/about/build.properties}. */
  public static final String RESOURCE = "/io/quantlens/about/build.properties";

  private BuildInfo() {}

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      String version = p.getProperty("version", "");
      if (version.isBlank() || version.contains("${")) {
        throw new IllegalStateException(RESOURCE + " was not filled in by the build: " + version);
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
