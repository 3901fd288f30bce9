#!/usr/bin/env bash
# Packages the workbench built in target/quantlens.jar (mvn package) with a runtime of the JDK
# modules it needs: ./packaging/build.sh [TYPE] [PLATFORM] writes target/package/out.
#   TYPE      app-image (a folder), deb (here), rpm; msi on Windows, dmg on macOS   (default deb)
#   PLATFORM  the ONNX Runtime library kept: linux-x64, linux-aarch64, osx-aarch64,
#             osx-x64, win-x64                                               (default linux-x64)
# Needs the JDK's jlink and jpackage, and zip/unzip; a .deb also needs dpkg-deb and fakeroot.
set -euo pipefail
type=${1:-deb}
platform=${2:-linux-x64}
root=$(cd "$(dirname "$0")/.." && pwd)
pkg=$root/target/package
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.prefs,java.scripting,java.sql,java.xml,jdk.charsets,jdk.jfr,jdk.localedata,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs

rm -rf "$pkg"
mkdir -p "$pkg/input"
cp "$root/target/quantlens.jar" "$pkg/input/quantlens.jar"
# The shaded jar carries ONNX Runtime for every platform (180 MB); the package needs one.
others=$(unzip -Z1 "$pkg/input/quantlens.jar" | grep '^ai/onnxruntime/native/.' \
  | grep -v "^ai/onnxruntime/native/$platform/" || true)
if [ -n "$others" ]; then
  # shellcheck disable=SC2086
  zip -q -d "$pkg/input/quantlens.jar" $others
fi

jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$pkg/runtime"

args=(--type "$type" --name quantlens --app-version 0.1.0 --vendor QuantLens
  --description "What quantization does to a neural network"
  --input "$pkg/input" --main-jar quantlens.jar --main-class io.quantlens.Main
  --runtime-image "$pkg/runtime" --dest "$pkg/out")
case "$type" in
  app-image) ;;
  *)
    for a in "$root"/packaging/associations/*.properties; do args+=(--file-associations "$a"); done
    ;;
esac
case "$type" in
  deb|rpm)
    args+=(--icon "$root/assets/icons/quantlens-256.png" --resource-dir "$root/packaging/linux"
      --linux-package-deps "libgtk-3-0, libgl1" --linux-menu-group "Science;Education"
      --linux-app-category science)
    ;;
esac
jpackage "${args[@]}"
ls -l "$pkg/out"
