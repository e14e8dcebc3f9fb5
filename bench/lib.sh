# Shared by bench/floor.sh and bench/peers/run.sh (sourced, POSIX sh): the
# build of the C programs, taskset prefixes and the out-of-process server.

# bench_build BUILD_DIR ROOT TARGET...: configures BUILD_DIR when new
# (RelWithDebInfo, benchmarks and tools on, tests off), refreshes an existing
# tree (it may predate the bench targets), builds the targets.
bench_build() {
  _dir=$1 _root=$2
  shift 2
  if [ ! -f "$_dir/CMakeCache.txt" ]; then
    cmake -S "$_root" -B "$_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DAM_BUILD_BENCH=ON -DAM_BUILD_TOOLS=ON -DAM_BUILD_TESTS=OFF >/dev/null
  else
    cmake "$_dir" >/dev/null
  fi
  cmake --build "$_dir" --target "$@" -j2 >/dev/null
}

# bench_pin CPU_LIST: prints a taskset prefix, or nothing (empty list or no taskset).
bench_pin() {
  if [ -n "$1" ] && command -v taskset >/dev/null 2>&1; then echo "taskset -c $1"; fi
}

# bench_start_server BUILD_DIR LOG [PIN...]: starts am-mock-server --synthetic
# 1000 on port 0 (behind the PIN prefix), waits for its "listening on" line and
# sets server_pid and url. The caller's EXIT trap must kill $server_pid.
bench_start_server() {
  _dir=$1 _log=$2
  shift 2
  "$@" "$_dir/tools/mock-server/am-mock-server" --port 0 --synthetic 1000 >"$_log" 2>&1 &
  server_pid=$!
  url=
  for _ in $(seq 100); do
    url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$_log")
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "am-mock-server did not start:" >&2
  cat "$_log" >&2
  return 1
}
