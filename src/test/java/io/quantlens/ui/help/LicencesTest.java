package io.quantlens.ui.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The About dialog's licence list is the pom's: every non-test dependency at the version the pom
 * gives, with the licence the dependency's own POM (or its parent's) declares.
 */
class LicencesTest {
  private static final Path POM = Path.of(System.getProperty("basedir", "."), "pom.xml");

  /** How the dependencies' POMs name their licences, as SPDX identifiers. */
  private static final Map<String, String> SPDX =
      Map.ofEntries(
          Map.entry("The Apache Software License, Version 2.0", "Apache-2.0"),
          Map.entry("The Apache Software License, version 2.0", "Apache-2.0"),
          Map.entry("The Apache License, Version 2.0", "Apache-2.0"),
          Map.entry("Apache-2.0", "Apache-2.0"),
          Map.entry("BSD-3-Clause", "BSD-3-Clause"),
          Map.entry("The 3-Clause BSD License", "BSD-3-Clause"),
          Map.entry("GPLv2+CE", "GPL-2.0-with-classpath-exception"),
          Map.entry("MIT License", "MIT"),
          // JFreeChart's and JFreeChart-FX's licence.txt are the LGPL 2.1, "or any later version".
          Map.entry("GNU Lesser General Public Licence", "LGPL-2.1-or-later"),
          // JFreeSVG 5's licence.txt is the GPL version 3.
          Map.entry("GNU General Public License (GPL)", "GPL-3.0-only"));

  @Test
  void theListHoldsEveryBundledDependencyOfThePomAtItsVersion() throws Exception {
    Map<String, String> fromPom = bundledDependencies(Files.readString(POM));
    Map<String, String> listed = new TreeMap<>();
    Licence.bundled().forEach(l -> listed.put(l.coordinates(), l.version()));
    assertEquals(new TreeMap<>(fromPom), listed);
    assertEquals("1.23.2", listed.get("com.microsoft.onnxruntime:onnxruntime"));
  }

  @Test
  void eachLicenceIsTheOneItsOwnPomDeclares() throws Exception {
    String repository = System.getProperty("quantlens.localRepository");
    assertNotNull(repository, "surefire passes the local Maven repository (pom.xml)");
    for (Licence l : Licence.bundled()) {
      String[] ga = l.coordinates().split(":");
      String declared = declaredLicence(Path.of(repository), ga[0], ga[1], l.version());
      assertTrue(
          SPDX.containsKey(declared), l.name() + " declares an unknown licence: " + declared);
      assertEquals(SPDX.get(declared), l.licence(), l.name() + " declares " + declared);
    }
  }

  /** groupId:artifactId → version of every dependency that is not test-scoped. */
  private static Map<String, String> bundledDependencies(String pom) {
    Map<String, String> properties = new LinkedHashMap<>();
    Matcher p = Pattern.compile("<properties>(.*?)</properties>", Pattern.DOTALL).matcher(pom);
    assertTrue(p.find());
    Matcher property = Pattern.compile("<([\\w.-]+)>([^<]*)</\\1>").matcher(p.group(1));
    while (property.find()) {
      properties.put(property.group(1), property.group(2));
    }
    String managed = section(pom, "dependencyManagement");
    String direct = pom.substring(pom.indexOf("</dependencyManagement>"));
    direct = section(direct, "dependencies");
    Map<String, String> deps = new LinkedHashMap<>();
    Matcher d = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(direct);
    while (d.find()) {
      String dep = d.group(1);
      if (dep.contains("<scope>test</scope>")) {
        continue;
      }
      String key = tag(dep, "groupId") + ":" + tag(dep, "artifactId");
      String version =
          dep.contains("<version>") ? tag(dep, "version") : managedVersion(managed, key);
      deps.put(key, resolve(version, properties));
    }
    return deps;
  }

  private static String managedVersion(String managed, String key) {
    Matcher d = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(managed);
    while (d.find()) {
      if ((tag(d.group(1), "groupId") + ":" + tag(d.group(1), "artifactId")).equals(key)) {
        return tag(d.group(1), "version");
      }
    }
    throw new AssertionError("no version for " + key);
  }

  private static String resolve(String value, Map<String, String> properties) {
    Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
    return m.replaceAll(r -> properties.get(r.group(1)));
  }

  /** The first {@code <license><name>} of the artifact's POM, or of the nearest parent's. */
  private static String declaredLicence(
      Path repository, String group, String artifact, String version) throws Exception {
    for (int depth = 0; depth < 6; depth++) {
      Path pom =
          repository
              .resolve(group.replace('.', '/'))
              .resolve(artifact)
              .resolve(version)
              .resolve(artifact + "-" + version + ".pom");
      assertTrue(Files.exists(pom), pom + " in the local repository");
      String text = Files.readString(pom);
      Matcher licence =
          Pattern.compile("<licenses>\\s*<license>\\s*<name>([^<]+)</name>").matcher(text);
      if (licence.find()) {
        return licence.group(1).trim();
      }
      String parent = section(text, "parent");
      group = tag(parent, "groupId");
      artifact = tag(parent, "artifactId");
      version = tag(parent, "version");
    }
    throw new AssertionError("no licence declared for " + artifact);
  }

  private static String section(String text, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(text);
    assertTrue(m.find(), "<" + tag + "> in the POM");
    return m.group(1);
  }

  private static String tag(String text, String tag) {
    return section(text, tag).trim();
  }
}
