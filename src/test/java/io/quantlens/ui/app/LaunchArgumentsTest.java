package io.quantlens.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.text.Language;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code quantlens gui [--lang en|vi] [MODEL]}: the option is not taken for a model. */
class LaunchArgumentsTest {
  @Test
  void theLanguageOptionInEitherSpellingAndTheModelInEitherOrder() {
    LaunchArguments a = LaunchArguments.of(List.of("--lang", "vi", "mnist-cnn"));
    assertEquals(Optional.of("mnist-cnn"), a.model());
    assertEquals(Optional.of(Language.VIETNAMESE), a.language());
    assertEquals(Optional.empty(), a.unusable());
    LaunchArguments b = LaunchArguments.of(List.of("model.onnx", "--lang=en"));
    assertEquals(Optional.of("model.onnx"), b.model());
    assertEquals(Optional.of(Language.ENGLISH), b.language());
    assertEquals(
        new LaunchArguments(Optional.empty(), Optional.empty(), Optional.empty()),
        LaunchArguments.of(List.of()));
  }

  @Test
  void anUnknownOptionOrLanguageIsNamedAndNotOpened() {
    LaunchArguments a = LaunchArguments.of(List.of("--help"));
    assertEquals(Optional.empty(), a.model());
    assertEquals(Optional.of("--help"), a.unusable());
    LaunchArguments b = LaunchArguments.of(List.of("--lang", "fr", "mnist-cnn"));
    assertEquals(Optional.of("mnist-cnn"), b.model());
    assertEquals(Optional.empty(), b.language());
    assertEquals(Optional.of("--lang fr"), b.unusable());
    // a second model is not silently dropped
    assertEquals(Optional.of("b.onnx"), LaunchArguments.of(List.of("a.onnx", "b.onnx")).unusable());
  }
}
