package io.quantlens.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;

/**
 * The window's packages (docs/architecture.md): {@code ui.app} wires everything and nothing uses it
 * back; {@code ui.state} holds what views show, free of the scene graph so it is tested without a
 * stage; {@code ui.task} and {@code ui.text} are the foundations; each feature (table, detail,
 * dashboard, project, accuracy, help, lessons, toolchains) sees only itself, the state and the
 * shared pieces (dialogs, chart export).
 */
@AnalyzeClasses(packages = "io.quantlens", importOptions = ImportOption.DoNotIncludeTests.class)
class UiLayeringTest {
  private static final String[] FOUNDATIONS = {"io.quantlens.ui.task..", "io.quantlens.ui.text.."};

  /** The wiring and every feature: what the state must not see. */
  private static final String[] VIEWS = {
    "io.quantlens.ui.app..",
    "io.quantlens.ui.table..",
    "io.quantlens.ui.detail..",
    "io.quantlens.ui.dashboard..",
    "io.quantlens.ui.export..",
    "io.quantlens.ui.project..",
    "io.quantlens.ui.dialogs..",
    "io.quantlens.ui.accuracy..",
    "io.quantlens.ui.activations..",
    "io.quantlens.ui.lessons..",
    "io.quantlens.ui.help..",
    "io.quantlens.ui.toolchains.."
  };

  /** The views and the state: what the foundations must not see. */
  private static final String[] ABOVE_FOUNDATIONS =
      Stream.concat(Stream.of(VIEWS), Stream.of("io.quantlens.ui.state..")).toArray(String[]::new);

  /** Wiring in one place: a view that reached the Workbench could reach every other view. */
  @ArchTest
  static final ArchRule onlyTheAppUsesTheApp =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.quantlens.ui.app..")
          .and()
          .doNotHaveFullyQualifiedName("io.quantlens.Main")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.quantlens.ui.app..");

  /** State must be testable without a stage: properties and tasks, no nodes or windows. */
  @ArchTest
  static final ArchRule stateHasNoSceneGraph =
      noClasses()
          .that()
          .resideInAPackage("io.quantlens.ui.state..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "javafx.scene..", "javafx.stage..", "org.controlsfx..", "atlantafx..");

  /** State sees only the foundations, never a view. */
  @ArchTest
  static final ArchRule stateSeesOnlyFoundations =
      noClasses()
          .that()
          .resideInAPackage("io.quantlens.ui.state..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(VIEWS);

  /** Tasks and texts serve every package and so depend on none of them. */
  @ArchTest
  static final ArchRule foundationsStandAlone =
      noClasses()
          .that()
          .resideInAnyPackage(FOUNDATIONS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ABOVE_FOUNDATIONS);

  @ArchTest static final ArchRule tableIsItsOwn = featureIsItsOwn("table");

  @ArchTest static final ArchRule detailIsItsOwn = featureIsItsOwn("detail");

  @ArchTest static final ArchRule dashboardIsItsOwn = featureIsItsOwn("dashboard");

  @ArchTest static final ArchRule projectIsItsOwn = featureIsItsOwn("project");

  @ArchTest static final ArchRule accuracyIsItsOwn = featureIsItsOwn("accuracy");

  @ArchTest static final ArchRule helpIsItsOwn = featureIsItsOwn("help");

  @ArchTest static final ArchRule lessonsIsItsOwn = featureIsItsOwn("lessons");

  @ArchTest static final ArchRule toolchainsIsItsOwn = featureIsItsOwn("toolchains");

  @ArchTest
  static final ArchRule uiPackagesHaveNoCycles =
      slices().matching("io.quantlens.ui.(*)..").should().beFreeOfCycles();

  /**
   * A feature's classes are used by itself and by the wiring only: features change without breaking
   * one another.
   */
  private static ArchRule featureIsItsOwn(String feature) {
    String pkg = "io.quantlens.ui." + feature + "..";
    return noClasses()
        .that()
        .resideOutsideOfPackages(pkg, "io.quantlens.ui.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(pkg)
        .allowEmptyShould(true);
  }
}
