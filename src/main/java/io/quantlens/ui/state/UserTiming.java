package io.quantlens.ui.state;

/** Told when a user action starts and when a model is ready, to time both to the screen. */
public interface UserTiming {
  UserTiming NONE =
      new UserTiming() {
        @Override
        public void actionStarted() {}

        @Override
        public void opened(String source, long requestedAtNanos) {}
      };

  /** A click that changes the plan, before the plan changes. */
  void actionStarted();

  /** {@code source} is open and analysed; it was asked for at {@code requestedAtNanos}. */
  void opened(String source, long requestedAtNanos);
}
