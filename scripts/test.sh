#!/usr/bin/env bash
# The test command: installs what is missing, checks formatting, builds with warnings as errors,
# proves core builds without QtWidgets and holds its layers, fuzzes the decoders for a bounded
# time, runs the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, and finally runs
# every test with CTest. QUICK=1 skips the fuzzing and sanitizer stages (for a fast local loop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests

echo "== formatting (clang-format)"
mapfile -t sources < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find app core ui tests bench -name '*.cpp' -o -name '*.h')
clang-format --dry-run -Werror "${sources[@]}"

echo "== build (warnings are errors)"
bash scripts/build.sh -DCHATHOST_WERROR=ON

echo "== core alone, without QtWidgets"
cmake -S . -B build-core -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCHATHOST_BUILD_UI=OFF \
      -DCHATHOST_WERROR=ON >/dev/null
cmake --build build-core --parallel "$(nproc)" --target chathost_core tst_jsonvalue
# ...and there too an include that runs back up the layers does not compile (tests/layers/).
ctest --test-dir build-core -R '^layers_' --output-on-failure

if [ "${QUICK:-0}" != 1 ]; then
    echo "== fuzzing (libFuzzer, ${SECONDS_PER_TARGET:-30} s per harness)"
    bash scripts/fuzz.sh
    echo "== the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer"
    bash scripts/sanitize.sh
fi

# --- the portable build (issue 17): no Linux-only code, every WebSocket on QtWebSockets ---------
# Built with only what its tests need (the servers), then the protocol, chat and abuse tests
# labelled `portable` run against it, so Qt's path cannot rot. See README.md, "Platforms".
echo "== portable build (-DCHATHOST_EPOLL_TRANSPORT=OFF) and its protocol, chat and abuse tests"
cmake -S . -B build-portable -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHATHOST_WERROR=ON \
      -DCHATHOST_EPOLL_TRANSPORT=OFF -DCHATHOST_BUILD_BENCH=OFF >/dev/null
cmake --build build-portable --parallel "$(nproc)" \
      --target chathost socketio-test-server conformance-server
QT_QPA_PLATFORM=offscreen ctest --test-dir build-portable -L portable --output-on-failure \
      --timeout 600
# --- end of the portable build ---------------------------------------------------------------

echo "== tests"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --timeout 600
