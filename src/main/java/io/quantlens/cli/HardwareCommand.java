package io.quantlens.cli;

import io.quantlens.cost.HardwareProfile;
import io.quantlens.cost.HardwareProfiles;
import io.quantlens.cost.Precision;
import io.quantlens.cost.Sourced;
import io.quantlens.report.NumberText;
import io.quantlens.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quantlens hardware}: the hardware profiles the cost model can use. */
@Command(name = "hardware", mixinStandardHelpOptions = true)
final class HardwareCommand implements Callable<Integer> {
  @Option(names = "--show", paramLabel = "ID", descriptionKey = "option.hardware.show")
  private String show;

  @Option(names = "--folder", paramLabel = "DIR", descriptionKey = "option.hardware.folder")
  private Path folder;

  @Spec private picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path userFolder = folder != null ? folder : HardwareProfiles.defaultUserFolder();
    HardwareProfiles profiles = HardwareProfiles.load(userFolder);
    PrintWriter out = spec.commandLine().getOut();
    if (show != null) {
      HardwareProfile p =
          profiles
              .byId(show)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          CliText.of(spec)
                              .get("hardware.unknown", show, String.join(", ", profiles.ids()))));
      describe(p, out, CliText.of(spec));
    } else {
      list(profiles, userFolder, out, CliText.of(spec));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void list(
      HardwareProfiles profiles, Path userFolder, PrintWriter out, Messages texts) {
    out.println(
        new LabelledLines(texts, 14, "hardware.userProfiles")
            .line("hardware.userProfiles", userFolder.toString()));
    out.println(texts.get("hardware.peaksAreDense"));
    out.println();
    int idWidth = profiles.all().stream().mapToInt(h -> h.id().length()).max().orElse(2);
    String idColumn = "%-" + Math.max(28, idWidth) + "s";
    out.printf(
        Locale.ROOT,
        idColumn + " %-14s %-30s",
        "id",
        texts.get("hardware.column.kind"),
        texts.get("hardware.column.processNode"));
    for (Precision p : Precision.values()) {
      out.printf(Locale.ROOT, " %8s", p.id());
    }
    out.printf(
        Locale.ROOT, " %9s %7s  %s%n", "BW GB/s", "TDP W", texts.get("hardware.column.name"));
    for (HardwareProfile h : profiles.all()) {
      out.printf(Locale.ROOT, idColumn + " %-14s %-30s", h.id(), h.kind(), h.processNode());
      for (Precision p : Precision.values()) {
        Sourced macs = h.peakMacsPerSecond().get(p);
        out.printf(Locale.ROOT, " %8s", macs == null ? "-" : teraOps(macs.value()));
      }
      out.printf(
          Locale.ROOT,
          " %9s %7s  %s%n",
          NumberText.brief(h.memoryBandwidth().value() / 1e9),
          NumberText.brief(h.tdpWatts().value()),
          h.name());
    }
    out.println();
    out.println(texts.get("hardware.details"));
  }

  private static void describe(HardwareProfile h, PrintWriter out, Messages texts) {
    LabelledLines lines =
        new LabelledLines(
            texts, 13, "hardware.id", "hardware.name", "hardware.kind", "hardware.processNode");
    out.println(lines.line("hardware.id", h.id()));
    out.println(lines.line("hardware.name", h.name()));
    out.println(lines.line("hardware.kind", h.kind()));
    out.println(lines.line("hardware.processNode", h.processNode()));
    out.println();
    out.println(texts.get("hardware.peakThroughput"));
    for (Map.Entry<Precision, Sourced> e : h.peakMacsPerSecond().entrySet()) {
      Sourced s = e.getValue();
      out.printf(
          Locale.ROOT,
          "  %-5s %s MAC/s = %s T%s%n        %s%n",
          e.getKey().id(),
          NumberText.significant(s.value(), 4),
          teraOps(s.value()),
          e.getKey().name().startsWith("INT") ? "OPS" : "FLOPS",
          s.provenance());
    }
    out.println(texts.get("hardware.energyPerMac"));
    for (Map.Entry<Precision, Sourced> e : h.energyPerMac().entrySet()) {
      Sourced s = e.getValue();
      out.printf(
          Locale.ROOT,
          "  %-5s %s pJ%n        %s%n",
          e.getKey().id(),
          NumberText.brief(s.value() * 1e12),
          s.provenance());
    }
    constant(out, texts.get("hardware.memoryBandwidth"), h.memoryBandwidth(), 1e-9, "GB/s");
    constant(out, texts.get("hardware.energyPerDramByte"), h.energyPerDramByte(), 1e12, "pJ");
    constant(out, "TDP", h.tdpWatts(), 1, "W");
    constant(out, texts.get("hardware.idlePower"), h.idleWatts(), 1, "W");
    if (!h.notes().isBlank()) {
      out.println();
      out.println(texts.get("hardware.notes") + "  " + h.notes());
    }
  }

  private static void constant(
      PrintWriter out, String label, Sourced s, double scale, String unit) {
    out.printf(
        Locale.ROOT,
        "%-21s %s %s%n        %s%n",
        label,
        NumberText.brief(s.value() * scale),
        unit,
        s.provenance());
  }

  /** MAC/s as dense tera-operations per second (2 ops per MAC). */
  private static String teraOps(double macsPerSecond) {
    return NumberText.brief(2 * macsPerSecond / 1e12);
  }
}
