#!/usr/bin/env bash
# The packaged workbench as a user gets it (run by `mvn verify` after the tests): packages an app
# image, runs its `quantlens info` on the bundled sample, starts its window on the sample under
# Xvfb, checks the window appears, quits it with Ctrl+Q and checks it exits cleanly.
# Installs what it needs with apt-get when missing (xvfb, xauth, xdotool, GTK, zip).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
need=()
for tool in xvfb-run:xvfb xauth:xauth xdotool:xdotool zip:zip unzip:unzip; do
  command -v "${tool%%:*}" > /dev/null || need+=("${tool#*:}")
done
[ -e /usr/lib/x86_64-linux-gnu/libgtk-3.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libgtk-3.so.0 ] \
  || need+=(libgtk-3-0 libxtst6 libgl1)
if [ ${#need[@]} -gt 0 ]; then
  apt-get install -y -q "${need[@]}" > /dev/null 2>&1 \
    || { apt-get update -q > /dev/null && apt-get install -y -q "${need[@]}" > /dev/null; }
fi

bash "$root/packaging/build.sh" app-image > /dev/null
# As the tests (pom.xml): the packaged app reads and writes the build's folders, not the user's
# ~/.config (recent files, hardware profiles) or ~/.cache (samples).
export XDG_CONFIG_HOME=$root/target/test-home/config XDG_CACHE_HOME=$root/target/test-home/cache
app=$root/target/package/out/quantlens/bin/quantlens
sample=$root/sample-models/mnist-cnn/mnist-cnn.onnx

info=$("$app" info "$sample")
grep -q "^Layers " <<< "$info" || { echo "packaged 'quantlens info' printed:"; echo "$info"; exit 1; }

log=$root/target/package/window.log
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$0" "$1" > "$2" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    if xdotool search --onlyvisible --name "QuantLens" > /dev/null 2>&1; then break; fi
    sleep 1
  done
  window=$(xdotool search --onlyvisible --name "QuantLens" | head -1)
  [ -n "$window" ] || { echo "no QuantLens window after 60 s"; kill $pid; exit 1; }
  sleep 3
  xdotool windowfocus "$window" 2> /dev/null || true # no window manager: focus it directly
  xdotool key ctrl+q
  for _ in $(seq 1 30); do
    kill -0 $pid 2> /dev/null || break
    sleep 1
  done
  if kill -0 $pid 2> /dev/null; then echo "the window did not close on Ctrl+Q"; kill $pid; exit 1; fi
  wait $pid
' "$app" "$sample" "$log" || { echo "packaged window failed; its log:"; cat "$log"; exit 1; }
echo "packaged app: info and window on the sample OK"
