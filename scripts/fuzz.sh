#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan), replays the regression inputs, then
# fuzzes each harness for a bounded time. SECONDS_PER_TARGET=600 bash scripts/fuzz.sh for longer.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_TARGET:-30}
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCHATHOST_FUZZ=ON >/dev/null
cmake --build build-fuzz --parallel "$(nproc)"
status=0
for target in engineio_payload socketio_packet http_request websocket request_framer upload_head; do
    work=build-fuzz/corpus/$target
    mkdir -p "$work"
    # Every input that once crashed a harness must keep passing.
    for input in fuzz/regressions/*; do
        build-fuzz/fuzz/fuzz_$target "$input" >/dev/null 2>&1 || { echo "fuzz: $target fails on $input"; status=1; }
    done
    log=build-fuzz/$target.log
    if build-fuzz/fuzz/fuzz_$target -max_total_time="$seconds" -print_final_stats=1 \
            -artifact_prefix=build-fuzz/ "$work" fuzz/corpus/$target >"$log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$')
        echo "fuzz: $target: $runs executions in ${seconds}s, no crash"
    else
        echo "fuzz: $target found a crash:"; grep -E 'ERROR|SUMMARY|Test unit written' "$log"; status=1
    fi
done
exit $status
