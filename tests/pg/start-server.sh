#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1 for head office's tests and benchmarks
# (idempotent: a cluster already running on the port is left as it is). The server refuses to run
# as root, so the cluster belongs to the `postgres` user. Trust authentication on loopback only:
# nothing but this machine can reach it, and it holds only what the tests create and drop.
#   tests/pg/start-server.sh            → prints the URL the tests read from BL_TEST_PG
set -euo pipefail
# The postgres user may not enter the caller's folder (a clone in a private temp folder): work from /.
cd /
port="${BL_PG_PORT:-54329}"
dir="${BL_PG_DIR:-/tmp/branch-ledger-pg}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then echo "PostgreSQL server not installed (apt-get install postgresql)" >&2; exit 1; fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Vitest and Playwright may start it at once: one start at a time, never waiting forever. The server
# must not inherit the lock (fd 9 is closed for pg_ctl): a daemon holding it made the next start wait
# for as long as the server ran, and a CI run hung until its time ran out.
exec 9>"$dir.start-lock"
if ! flock -w 120 9; then echo "another start of the test server has held $dir.start-lock for 120 s" >&2; exit 1; fi

if ! as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null 9>&-
  fi
  # A folder copied from another machine, or left by a killed server, keeps postmaster.pid; if its
  # process id now belongs to something else, the server would refuse to start.
  if [ -f "$dir/postmaster.pid" ]; then
    pid=$(head -1 "$dir/postmaster.pid")
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ] || rm -f "$dir/postmaster.pid"
  fi
  # fsync off: a test cluster whose data is thrown away need not survive a power cut.
  as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 -o "-h 127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -k /tmp" start >/dev/null 9>&-
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
