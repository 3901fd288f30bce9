package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.cost.HardwareProfiles;
import io.quantlens.samples.SampleCatalog;
import io.quantlens.testing.SmallHeapCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tests never read or write the developer's own configuration or cache: the build (pom.xml,
 * surefire) points both at folders under target/, and every place that finds them resolves there.
 */
class HermeticFoldersTest {
  private static final Path TEST_HOME =
      Path.of(System.getProperty("basedir", "."), "target", "test-home").toAbsolutePath();

  private static void assertUnderTestHome(Path folder, String what) {
    assertTrue(
        folder.toAbsolutePath().normalize().startsWith(TEST_HOME),
        what + " is " + folder + ", not under " + TEST_HOME);
  }

  private static Path env(String name) {
    String value = System.getenv(name);
    assertNotNull(value, name + " is not set for the tests (pom.xml, surefire)");
    return Path.of(value);
  }

  @Test
  void configurationAndCacheAreFoldersOfTheBuild() {
    // Read by RecentFiles.inUserConfig and HardwareProfiles.defaultUserFolder.
    assertEquals(TEST_HOME.resolve("config"), env("XDG_CONFIG_HOME"));
    // Read by SampleCatalog.atDefaultLocation when quantlens.samples is not set.
    assertEquals(TEST_HOME.resolve("cache"), env("XDG_CACHE_HOME"));
    assertUnderTestHome(Path.of(System.getProperty("user.home")), "user.home");
  }

  @Test
  void samplesAndHardwareProfilesResolveUnderTarget() {
    Path samples = TEST_HOME.resolve("cache").resolve("quantlens").resolve("samples");
    assertEquals(samples, SampleCatalog.atDefaultLocation().root());
    assertEquals(
        TEST_HOME.resolve("config").resolve("quantlens").resolve("hardware"),
        HardwareProfiles.defaultUserFolder());
  }

  @Test
  void theCommandsNameTheFoldersUnderTarget() {
    Cli.Result hardware = Cli.run("hardware");
    assertEquals(0, hardware.exitCode(), hardware::toString);
    assertTrue(
        hardware.out().contains("User profiles  " + TEST_HOME.resolve("config")), hardware.out());
    Cli.Result samples = Cli.run("samples");
    assertEquals(0, samples.exitCode(), samples::toString);
    assertTrue(
        samples.out().contains("Sample folder  " + TEST_HOME.resolve("cache")), samples.out());
  }

  /** A command run in its own JVM (as the small-heap tests do) finds the same folders. */
  @Test
  void aChildJvmFindsTheSameFolders() throws Exception {
    SmallHeapCli.Result samples = SmallHeapCli.run("256m", "samples");
    assertEquals(0, samples.exitCode(), samples.output());
    assertTrue(
        samples.output().contains("Sample folder  " + TEST_HOME.resolve("cache")),
        samples.output());
    SmallHeapCli.Result hardware = SmallHeapCli.run("256m", "hardware");
    assertEquals(0, hardware.exitCode(), hardware.output());
    assertTrue(
        hardware.output().contains("User profiles  " + TEST_HOME.resolve("config")),
        hardware.output());
  }
}
