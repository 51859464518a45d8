#!/usr/bin/env bash
# The services of the production-like configuration, on 127.0.0.1 only:
# PostgreSQL, Redis and a single OpenSearch node.
#
#   scripts/services.sh start [SERVICE...]   install what is missing, start what is not running, wait until healthy;
#                                            prints the names of the services this call started
#   scripts/services.sh stop [SERVICE...]    stop what this script started (by PID), never a server someone else runs
#   scripts/services.sh status               which are up, and whose
#   scripts/services.sh env                  the variables that point LEG.TJ at them (eval "$(scripts/services.sh env)")
#   scripts/services.sh run -- COMMAND...    start, run COMMAND with those variables, then stop what this call started
#
# SERVICE is postgres, redis or opensearch (default: all three). A service
# already answering on its port is used as it is, so running this twice
# starts nothing twice. Their data is thrown away on start: they exist for
# tests and local trials, not for keeping anything.
#
# Settings (environment): LEGTJ_SERVICES_DIR (data, logs, PIDs; default
# /var/tmp/legtj-services, readable by the postgres user), LEGTJ_PG_PORT
# (5432), LEGTJ_REDIS_PORT (6379), LEGTJ_OPENSEARCH_PORT (9200),
# OPENSEARCH_JAVA_HOME (a JDK 21 or newer; found under /usr/lib/jvm otherwise).
# The OpenSearch jars are Maven's (~/.m2), so a second start downloads nothing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${LEGTJ_SERVICES_DIR:-/var/tmp/legtj-services}
PG_PORT=${LEGTJ_PG_PORT:-5432}
REDIS_PORT=${LEGTJ_REDIS_PORT:-6379}
OS_PORT=${LEGTJ_OPENSEARCH_PORT:-9200}
PG_USER=legtj
PG_PASSWORD=legtj
ALL=(postgres redis opensearch)

say() { printf '[services] %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  say "installing $* from Debian's packages"
  if [ -z "${_apt_updated:-}" ]; then as_root apt-get update -qq; _apt_updated=1; fi
  # policy-rc.d-style: the packages' own services are not wanted, ours are started below.
  as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pid_alive() { [ -f "$1" ] && kill -0 "$(head -n1 "$1")" 2>/dev/null; }

whose() { pid_alive "$STATE/$1/pid" && echo " (started earlier by this script)" || echo " (not started by this script)"; }

stop_by_pid() { # stop_by_pid SERVICE SECONDS: TERM, then KILL if it is still there after SECONDS
  local pidfile=$STATE/$1/pid pid deadline
  pid_alive "$pidfile" || return 0
  pid=$(cat "$pidfile")
  kill "$pid"
  deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  say "$1 stopped"
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
  say "$what is up"
}

# --- PostgreSQL -------------------------------------------------------------
pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    apt_install postgresql >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  fi
  echo "$dir"
}

pg_as_owner() { # run as the cluster's owner: PostgreSQL refuses to run as root
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$STATE/postgres" postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_healthy() { PGPASSWORD=$PG_PASSWORD "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -Atqc 'select 1' ; }

start_postgres() {
  local bin dir=$STATE/postgres
  bin=$(pg_bin)
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    pg_healthy >/dev/null 2>&1 && { say "postgres: already running on $PG_PORT$(whose postgres), used as it is"; return 0; }
    die "postgres: a server on $PG_PORT does not let role $PG_USER in; create it (CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD') or set LEGTJ_PG_PORT"
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "postgres: initdb failed"; }
  # Durability is not what the tests measure; without fsync the suite runs faster.
  pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { tail -n 20 "$dir/server.log" >&2; die "postgres: did not start"; }
  head -n1 "$dir/data/postmaster.pid" >"$dir/pid"
  pg_as_owner "$bin/psql" -h "$dir" -p "$PG_PORT" -U postgres -d postgres -q \
    -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" -c "CREATE DATABASE legtj OWNER $PG_USER" >/dev/null
  wait_for 30 "postgres on 127.0.0.1:$PG_PORT" pg_healthy
  echo postgres
}

stop_postgres() {
  local dir=$STATE/postgres
  pid_alive "$dir/pid" || return 0
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null && rm -f "$dir/pid"
  say "postgres stopped"
}

# --- Redis ------------------------------------------------------------------
redis_healthy() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

start_redis() {
  local dir=$STATE/redis
  command -v redis-server >/dev/null || apt_install redis-server
  if redis_healthy; then say "redis: already running on $REDIS_PORT$(whose redis), used as it is"; return 0; fi
  rm -rf "$dir"
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes --save '' --appendonly no \
    --dir "$dir" --daemonize yes --pidfile "$dir/pid" --logfile "$dir/server.log"
  wait_for 30 "redis on 127.0.0.1:$REDIS_PORT" redis_healthy || { tail -n 20 "$dir/server.log" >&2; die "redis: did not start"; }
  echo redis
}

stop_redis() { stop_by_pid redis 30; }

# --- OpenSearch -------------------------------------------------------------
java_major() { "$1" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p'; }

find_java() { # a JDK (javac too) of version 21 or newer
  local home candidates=()
  [ -n "${OPENSEARCH_JAVA_HOME:-}" ] && candidates+=("$OPENSEARCH_JAVA_HOME")
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${home%/}"); done
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/javac" ] && [ "$(java_major "$home/bin/java")" -ge 21 ] 2>/dev/null; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

opensearch_healthy() { curl -fsS "http://127.0.0.1:$OS_PORT/_cluster/health?wait_for_status=yellow&timeout=1s"; }

build_opensearch() { # the class path from Maven and our one class, rebuilt when the sources change
  local java_home=$1 src=$ROOT/services/opensearch build=$STATE/opensearch-build stamp
  stamp=$(cat "$src/pom.xml" "$src"/src/main/java/tj/leg/search/*.java | sha256sum | cut -c1-16)
  if [ -f "$build/$stamp" ]; then return 0; fi
  command -v mvn >/dev/null || apt_install maven
  say "opensearch: fetching the server's jars from Maven Central (kept in ~/.m2)"
  rm -rf "$build"
  mkdir -p "$build"
  JAVA_HOME=$java_home mvn -q -B -f "$src/pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$build/classpath.txt" >"$build/maven.log" 2>&1 || { tail -n 30 "$build/maven.log" >&2; die "opensearch: Maven failed"; }
  "$java_home/bin/javac" -nowarn -d "$build/classes" -cp "$(cat "$build/classpath.txt")" "$src"/src/main/java/tj/leg/search/*.java
  touch "$build/$stamp"
}

start_opensearch() {
  local dir=$STATE/opensearch java_home build=$STATE/opensearch-build
  command -v curl >/dev/null || apt_install curl
  if opensearch_healthy >/dev/null 2>&1; then say "opensearch: already running on $OS_PORT$(whose opensearch), used as it is"; return 0; fi
  java_home=$(find_java) || die "opensearch: needs a JDK 21 or newer (set OPENSEARCH_JAVA_HOME)"
  build_opensearch "$java_home"
  rm -rf "$dir"
  mkdir -p "$dir"
  # Started in its own session, so the caller's Ctrl-C or a dying shell does not leave it half-stopped.
  setsid "$java_home/bin/java" -Xms1g -Xmx1g -XX:+UseG1GC -Djava.awt.headless=true \
    --enable-native-access=ALL-UNNAMED -Dlog4j2.formatMsgNoLookups=true \
    -cp "$build/classes:$(cat "$build/classpath.txt")" tj.leg.search.SearchNode "$dir/home" "$OS_PORT" \
    >"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$dir/pid"
  if ! wait_for 180 "opensearch on 127.0.0.1:$OS_PORT" opensearch_healthy; then
    tail -n 30 "$dir/server.log" >&2
    stop_opensearch
    die "opensearch: did not become healthy"
  fi
  # Wagtail's index settings need analysis-common's filters; a node without the module would only fail on indexing.
  curl -fsS "http://127.0.0.1:$OS_PORT/_nodes/plugins" | grep -q CommonAnalysisModulePlugin \
    || die "opensearch: the analysis-common module is not loaded"
  echo opensearch
}

stop_opensearch() { stop_by_pid opensearch 60; }

# --- Commands ---------------------------------------------------------------
print_env() {
  cat <<EOF
export DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/legtj
export CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0
export OPENSEARCH_URL=http://127.0.0.1:$OS_PORT
EOF
}

status() {
  local service state
  for service in "${ALL[@]}"; do
    case $service in
      postgres) "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && state=up || state=down ;;
      redis) redis_healthy && state=up || state=down ;;
      opensearch) opensearch_healthy >/dev/null 2>&1 && state=up || state=down ;;
    esac
    if [ "$state" = up ]; then pid_alive "$STATE/$service/pid" && state="up (started here, PID $(cat "$STATE/$service/pid"))" || state="up (not ours)"; fi
    printf '%-11s %s\n' "$service" "$state"
  done
}

services_or_all() { if [ $# -gt 0 ]; then printf '%s\n' "$@"; else printf '%s\n' "${ALL[@]}"; fi; }

check_names() {
  local name
  for name in "$@"; do case $name in postgres | redis | opensearch) ;; *) die "unknown service: $name" ;; esac; done
}

mkdir -p "$STATE"
chmod 755 "$STATE"
command=${1:-status}
shift || true
case $command in
  start)
    check_names "$@"
    for service in $(services_or_all "$@"); do "start_$service"; done
    ;;
  stop)
    check_names "$@"
    for service in $(services_or_all "$@"); do "stop_$service"; done
    ;;
  status) status ;;
  env) print_env ;;
  run)
    [ "${1:-}" = -- ] && shift
    [ $# -gt 0 ] || die "usage: $0 run -- COMMAND..."
    started=()
    # Stop exactly what this call started, whether COMMAND passes, fails or is interrupted.
    trap 'for s in "${started[@]}"; do "stop_$s"; done' EXIT
    trap 'exit 130' INT TERM
    for service in "${ALL[@]}"; do
      out=$("start_$service")
      if [ -n "$out" ]; then started+=("$service"); fi
    done
    eval "$(print_env)"
    "$@"
    ;;
  *) die "usage: $0 start|stop|status|env|run [-- COMMAND...]" ;;
esac
