package io.quantlens.ui.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantlens.quant.Scheme;
import io.quantlens.text.Messages;
import io.quantlens.ui.state.AccuracyState;
import io.quantlens.ui.state.RecentFiles;
import io.quantlens.ui.state.Services;
import io.quantlens.ui.state.UserNotices;
import io.quantlens.ui.state.Workspace;
import io.quantlens.ui.task.ImmediateTaskRunner;
import java.util.List;
import java.util.Locale;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;

/** The probe scheme field: the default, typed schemes, and the parser's word on bad ones. */
class ProbeSchemeTest {
  private static final Messages M = Messages.forLocale(Locale.ENGLISH);

  private static ProbeScheme probe() {
    Services services =
        new Services(new ImmediateTaskRunner(), M, new UserNotices(), Duration.ZERO);
    return new ProbeScheme(new Workspace(services, RecentFiles.inMemory()), M);
  }

  @Test
  void startsAtInt4Group32Symmetric() {
    ProbeScheme probe = probe();
    assertEquals("int4:g32:sym", probe.text().get());
    assertEquals(AccuracyState.DEFAULT_PROBE, probe.scheme().get());
    assertNull(probe.problem().get());
    assertEquals(List.of("int4:g32:sym"), probe.choices());
  }

  @Test
  void aTypedSchemeIsParsedAndABadOneCarriesTheParsersMessage() {
    ProbeScheme probe = probe();
    probe.text().set(" int3:g64:asym:mse ");
    assertEquals(Scheme.parse("int3:g64:asym:mse"), probe.scheme().get());
    assertNull(probe.problem().get());

    String expected =
        assertThrows(IllegalArgumentException.class, () -> Scheme.parse("int3:g0")).getMessage();
    probe.text().set("int3:g0");
    assertNull(probe.scheme().get());
    assertEquals(expected, probe.problem().get());

    probe.text().set("fp32");
    assertNull(probe.scheme().get());
    assertEquals(M.get("probe.fp32"), probe.problem().get());

    probe.text().set("");
    assertEquals("Type a scheme, e.g. int4:g32:sym", probe.problem().get());
  }
}
