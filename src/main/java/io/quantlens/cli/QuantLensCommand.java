package io.quantlens.cli;

import io.quantlens.report.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code quantlens} command and its global options. */
@Command(
    name = "quantlens",
    resourceBundle = CliText.BUNDLE,
    mixinStandardHelpOptions = true,
    versionProvider = QuantLensCommand.Version.class,
    subcommands = {
      InfoCommand.class,
      AnalyzeCommand.class,
      EvalCommand.class,
      SensitivityCommand.class,
      ActivationsCommand.class,
      SamplesCommand.class,
      CostCommand.class,
      HardwareCommand.class,
      BenchCommand.class,
      BitErrorsCommand.class,
      CompareCommand.class,
      ExportCommand.class,
      GenerateCommand.class
    })
final class QuantLensCommand implements Runnable {

  @Option(names = "--verbose", scope = ScopeType.INHERIT, descriptionKey = "option.verbose")
  private boolean verbose;

  // Read by Main before parsing (CliText.asked); declared so that picocli accepts and lists it.
  @Option(
      names = CliText.LANG_OPTION,
      paramLabel = "en|vi",
      scope = ScopeType.INHERIT,
      descriptionKey = "option.lang")
  private String language;

  @picocli.CommandLine.Spec private picocli.CommandLine.Model.CommandSpec spec;

  boolean verbose() {
    return verbose;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), CliText.of(spec).get("error.noCommand"));
  }

  /** The version the build wrote into the jar, the one the window's About shows. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"QuantLens " + BuildInfo.version()};
    }
  }
}
