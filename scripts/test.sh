#!/usr/bin/env bash
# The test command: installs what is missing, checks formatting, builds with warnings as errors,
# proves core builds without QtWidgets, and runs every test with CTest.
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

echo "== tests"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --timeout 600
