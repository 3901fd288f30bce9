package io.quantlens.cost;

import io.quantlens.files.UserDirs;
import io.quantlens.formats.RegularFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hardware profiles the cost model can use: those bundled with QuantLens (resource folder
 * {@code /hardware/}, listed in {@code /hardware/index.txt}) plus the user's own {@code *.json}
 * files, which override a bundled profile of the same id.
 */
public final class HardwareProfiles {
  /** Class-path folder of the bundled profiles. */
  static final String RESOURCE_FOLDER = "/hardware/";

  /** Lists the bundled profile files, one file name a line; {@code #} starts a comment. */
  static final String INDEX = RESOURCE_FOLDER + "index.txt";

  private final List<HardwareProfile> all;

  private HardwareProfiles(Map<String, HardwareProfile> byId) {
    this.all = List.copyOf(byId.values());
  }

  /** The bundled profiles. */
  public static HardwareProfiles builtIn() throws HardwareProfileException {
    return new HardwareProfiles(builtInById());
  }

  /**
   * The bundled profiles plus every {@code *.json} in {@code userFolder}; a user file with the same
   * id replaces the bundled one. A missing folder is fine.
   */
  public static HardwareProfiles load(Path userFolder)
      throws HardwareProfileException, IOException {
    Map<String, HardwareProfile> byId = builtInById();
    if (userFolder != null && Files.exists(userFolder)) {
      if (!Files.isDirectory(userFolder)) {
        throw new IOException(userFolder + ": not a folder (expected hardware profile *.json)");
      }
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(userFolder, "*.json")) {
        dir.forEach(files::add);
      }
      files.sort(Comparator.naturalOrder());
      for (Path file : files) {
        HardwareProfile profile = read(file);
        byId.put(profile.id(), profile);
      }
    }
    return new HardwareProfiles(byId);
  }

  /** {@code $XDG_CONFIG_HOME/quantlens/hardware}, or {@code ~/.config/quantlens/hardware}. */
  public static Path defaultUserFolder() {
    return UserDirs.config().resolve("hardware");
  }

  /** One profile file, validated; its id must equal the file name without {@code .json}. */
  public static HardwareProfile read(Path file) throws HardwareProfileException, IOException {
    String problem = RegularFiles.problem(file);
    if (problem != null) {
      throw new java.nio.file.FileSystemException(file.toString(), null, problem);
    }
    byte[] json = Files.readAllBytes(file);
    return ProfileReader.parse(file.getFileName().toString(), json);
  }

  /** Every profile, sorted by id. */
  public List<HardwareProfile> all() {
    return all;
  }

  /** The profile with this id. */
  public Optional<HardwareProfile> byId(String id) {
    return all.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The ids, sorted. */
  public List<String> ids() {
    return all.stream().map(HardwareProfile::id).toList();
  }

  /** The file names listed in the bundled index, in index order. */
  static List<String> indexedFiles() throws HardwareProfileException {
    String index = new String(resource(INDEX), StandardCharsets.UTF_8);
    List<String> files = new ArrayList<>();
    for (String line : index.lines().toList()) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      if (!name.endsWith(".json") || name.contains("/")) {
        throw new HardwareProfileException(
            "hardware/index.txt: '" + name + "' is not a profile file name (NAME.json)");
      }
      files.add(name);
    }
    return files;
  }

  private static Map<String, HardwareProfile> builtInById() throws HardwareProfileException {
    Map<String, HardwareProfile> byId = new TreeMap<>();
    for (String file : indexedFiles()) {
      HardwareProfile profile = ProfileReader.parse(file, resource(RESOURCE_FOLDER + file));
      byId.put(profile.id(), profile);
    }
    return byId;
  }

  private static byte[] resource(String name) throws HardwareProfileException {
    try (InputStream in = HardwareProfiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new HardwareProfileException(
            name.substring(1) + ": bundled hardware profile resource not found on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new HardwareProfileException(name.substring(1) + ": cannot be read: " + e, e);
    }
  }
}
