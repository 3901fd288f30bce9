package io.quantlens.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of docs/architecture.md#dependency-rules, checked on every build. Readers in {@code
 * formats} build the format-neutral {@code model}, so {@code formats} sits above {@code model};
 * they may decode values with {@code quant}'s pure arithmetic (FP16, ggml blocks), which depends on
 * nothing; everything below {@code ui} is free of JavaFX.
 */
@AnalyzeClasses(packages = "io.quantlens", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule noJavaFxBelowUi =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.quantlens.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("javafx..");

  @ArchTest
  static final ArchRule modelIsFormatNeutral =
      noClasses()
          .that()
          .resideInAPackage("io.quantlens.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quantlens.formats..",
              "io.quantlens.quant..",
              "io.quantlens.analysis..",
              "io.quantlens.session..",
              "io.quantlens.report..",
              "io.quantlens.cli..",
              "com.google.protobuf..",
              "ai.onnx..");

  @ArchTest
  static final ArchRule formatsKnowNothingOfAnalysis =
      noClasses()
          .that()
          .resideInAPackage("io.quantlens.formats..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quantlens.analysis..",
              "io.quantlens.session..",
              "io.quantlens.report..",
              "io.quantlens.cli..");

  @ArchTest
  static final ArchRule quantIsPureArithmetic =
      noClasses()
          .that()
          .resideInAPackage("io.quantlens.quant..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quantlens.formats..",
              "io.quantlens.analysis..",
              "io.quantlens.session..",
              "io.quantlens.report..",
              "io.quantlens.cli..");

  @ArchTest
  static final ArchRule analysisDoesNotReachUp =
      noClasses()
          .that()
          .resideInAPackage("io.quantlens.analysis..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quantlens.formats..",
              "io.quantlens.session..",
              "io.quantlens.report..",
              "io.quantlens.cli..");

  /**
   * The tools that produce the bundled and synthetic samples build on formats, model, quant's pure
   * codecs and report only.
   */
  @ArchTest
  static final ArchRule samplesUseOnlyLowerLayers =
      noClasses()
          .that()
          .resideInAPackage("io.quantlens.samples..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quantlens.analysis..",
              "io.quantlens.eval..",
              "io.quantlens.cost..",
              "io.quantlens.charts..",
              "io.quantlens.session..",
              "io.quantlens.cli..",
              "io.quantlens.ui..");

  @ArchTest
  static final ArchRule onlySessionAndCommandLineUseSamples =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.quantlens.samples..", "io.quantlens.session..", "io.quantlens.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.quantlens.samples..");

  @ArchTest
  static final ArchRule evalDoesNotReachUp =
      noClasses()
          .that()
          .resideInAPackage("io.quantlens.eval..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quantlens.report..",
              "io.quantlens.samples..",
              "io.quantlens.session..",
              "io.quantlens.cli..",
              "io.quantlens.ui..");

  @ArchTest
  static final ArchRule costDoesNotReachUp =
      noClasses()
          .that()
          .resideInAPackage("io.quantlens.cost..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quantlens.report..",
              "io.quantlens.session..",
              "io.quantlens.cli..",
              "io.quantlens.ui..");

  /** Charts are plain JFreeChart objects built from plain inputs, shown by the ui and exported. */
  @ArchTest
  static final ArchRule chartsDoNotReachUp =
      noClasses()
          .that()
          .resideInAPackage("io.quantlens.charts..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "javafx..",
              "org.jfree.chart.fx..",
              "io.quantlens.session..",
              "io.quantlens.ui..",
              "io.quantlens.cli..",
              "io.quantlens.eval..",
              "io.quantlens.formats..",
              "io.quantlens.samples..");

  /**
   * The atomic file writer is the one way every layer writes a file (models, reports, charts), so
   * it sits below all of them and depends on none.
   */
  @ArchTest
  static final ArchRule filesDependOnNothingOfQuantLens =
      classes()
          .that()
          .resideInAPackage("io.quantlens.files..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.quantlens.files..", "java..");

  /**
   * The bundles and the locale-aware number formatting serve the window, the command line, the
   * charts and the report alike, so they sit below all of them and depend on none.
   */
  @ArchTest
  static final ArchRule textDependsOnNothingOfQuantLens =
      classes()
          .that()
          .resideInAPackage("io.quantlens.text..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.quantlens.text..", "java..");

  @ArchTest
  static final ArchRule onlyTheCommandLineUsesPicocli =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.quantlens.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("picocli..");

  @ArchTest
  static final ArchRule noCycles =
      slices().matching("io.quantlens.(*)..").should().beFreeOfCycles();
}
