package io.quantlens.ui.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/** A test with the workbench on the TestFX stage, built afresh and closed for each test. */
@ExtendWith(ApplicationExtension.class)
abstract class WorkbenchTest {
  WorkbenchFixture fixture;

  @BeforeEach
  void startWorkbench() throws Exception {
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(stage -> fixture = new WorkbenchFixture(stage));
  }

  @AfterEach
  void closeWorkbench() {
    fixture.close();
  }
}
