#!/usr/bin/env bash
# Local single-node Kafka (KRaft) for development and tests.
#
# Usage: deploy/kafka/broker.sh fetch|start|stop|status|wait
#
# Clients sign in with SASL SCRAM-SHA-512 and may do only what an ACL allows. On
# start, every principal of the platform gets its development password and the
# rules of `qp-acls` for each prefix of KAFKA_ACL_PREFIXES; the broker signs in as
# itself ("broker", a super user) with a secret kept in the data dir.
#
# Environment (defaults):
#   KAFKA_PORT=9092             client (SASL_PLAINTEXT) port on 127.0.0.1
#   KAFKA_CONTROLLER_PORT=9093  KRaft controller port on 127.0.0.1
#   KAFKA_DATA_DIR=<repo>/.run/kafka   config, logs, pid, cluster id, data
#   KAFKA_HEAP="-Xmx1g -Xms256m"
#   KAFKA_JVM_OPTS="-XX:+UseG1GC -XX:TieredStopAtLevel=1"
#   KAFKA_READY_TIMEOUT=90      seconds to wait for readiness
#   KAFKA_ACL_PREFIXES="$QP_TOPIC_PREFIX" (or "q.")  topic prefixes whose
#                               platform ACLs start applies (space-separated; empty for none)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
LIB="$HERE/lib"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_DATA_DIR="$(realpath -m "${KAFKA_DATA_DIR:-$REPO/.run/kafka}")"
KAFKA_HEAP="${KAFKA_HEAP:--Xmx1g -Xms256m}"
KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-90}"
KAFKA_ACL_PREFIXES="${KAFKA_ACL_PREFIXES-${QP_TOPIC_PREFIX:-q.}}"
# C1-only JIT: about 1-2 s faster start on small machines; plenty for test loads.
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseG1GC -XX:TieredStopAtLevel=1}"

PID_FILE="$KAFKA_DATA_DIR/broker.pid"
PROPS="$KAFKA_DATA_DIR/server.properties"
OUT="$KAFKA_DATA_DIR/broker.out"
SECRET_FILE="$KAFKA_DATA_DIR/broker.secret"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

die() { echo "broker.sh: $*" >&2; exit 1; }

python_bin() {
  # The repo venv has kafka-python; a bare python3 only works if it is installed globally.
  if [[ -x "$REPO/.venv/bin/python" ]]; then echo "$REPO/.venv/bin/python"; else echo python3; fi
}

# The lib dir keeps a copy of the pom it was built from, so a version bump re-fetches.
have_jars() { cmp -s "$HERE/pom.xml" "$LIB/.pom.xml" && compgen -G "$LIB/kafka_2.13-*.jar" >/dev/null; }

fetch() {
  have_jars && return 0
  command -v mvn >/dev/null || die "Maven (mvn) is required to download the Kafka jars"
  echo "broker.sh: downloading Kafka jars into $LIB" >&2
  local log
  log="$(mktemp)"
  # Copy into a temp dir first so an interrupted download never looks complete.
  rm -rf "$LIB.tmp"
  if ! mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$LIB.tmp" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "could not download the Kafka jars"
  fi
  rm -f "$log"
  cp "$HERE/pom.xml" "$LIB.tmp/.pom.xml"
  rm -rf "$LIB"
  mv "$LIB.tmp" "$LIB"
}

# Pid of our broker if it is alive; guards against a stale pid reused by another process.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(<"$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

# A broker already running from this data dir must use the requested ports;
# otherwise two setups (e.g. a dev broker and the tests) share one data dir.
check_ports() {
  grep -qxF "listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT" "$PROPS" ||
    die "the broker of $KAFKA_DATA_DIR runs with other ports ($(grep '^listeners=' "$PROPS")); use its ports or another KAFKA_DATA_DIR"
}

# wait_ready [PID]: the cluster id check makes sure we are talking to *our* broker.
wait_ready() {
  local args=("$BOOTSTRAP" --timeout "$KAFKA_READY_TIMEOUT")
  if [[ $# -gt 0 ]]; then args+=(--pid "$1"); fi
  if [[ -s "$KAFKA_DATA_DIR/cluster.id" ]]; then
    args+=(--cluster-id "$(<"$KAFKA_DATA_DIR/cluster.id")")
  fi
  "$(python_bin)" "$HERE/wait_ready.py" "${args[@]}" --password-file "$SECRET_FILE"
}

# The broker's own password: on the controller listener (PLAIN) and to itself (SCRAM).
ensure_secret() {
  [[ -s "$SECRET_FILE" ]] && return 0
  (umask 077 && head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' >"$SECRET_FILE")
}

# Give the platform's principals their development passwords and ACLs, as the broker.
grant_platform() {
  local prefixes=() prefix args=()
  read -ra prefixes <<<"$KAFKA_ACL_PREFIXES"
  for prefix in "${prefixes[@]}"; do args+=(--prefix "$prefix"); done
  as_broker users || return 1
  if [[ ${#args[@]} -gt 0 ]]; then as_broker apply "${args[@]}" || return 1; fi
}

as_broker() {
  QP_KAFKA_BOOTSTRAP="$BOOTSTRAP" QP_KAFKA_USERNAME=broker QP_KAFKA_PASSWORD="$(<"$SECRET_FILE")" \
    "$(python_bin)" -m qplatform.messaging.acl_tool "$@"
}

port_in_use() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_props() {
  # Keys we own are dropped from the template and appended with the real values.
  local secret
  secret="$(<"$SECRET_FILE")"
  grep -vE '^(listeners|advertised\.listeners|controller\.quorum\.voters|log\.dirs)=' \
    "$HERE/server.properties" >"$PROPS.tmp"
  chmod 600 "$PROPS.tmp" # it is about to hold the broker's password
  cat >>"$PROPS.tmp" <<PROPS

# --- set by broker.sh ---
listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
log.dirs=$KAFKA_DATA_DIR/data
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$secret" user_broker="$secret";
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="broker" password="$secret";
PROPS
  mv "$PROPS.tmp" "$PROPS"
}

# Same format as "StorageTool random-uuid" (URL-safe base64 of 16 random bytes,
# not starting with "-") without paying for a second JVM start.
new_cluster_id() {
  local id="-"
  while [[ "$id" == -* ]]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  done
  echo "$id"
}

# Fills JAVA_CMD with the full java command line for the given main class + args.
java_cmd() {
  local heap=() opts=()
  # Split the option strings on whitespace, without glob expansion.
  read -ra heap <<<"$KAFKA_HEAP"
  read -ra opts <<<"$KAFKA_JVM_OPTS"
  JAVA_CMD=(java "${heap[@]}" "${opts[@]}" -Djava.awt.headless=true
    -Dkafka.logs.dir="$KAFKA_DATA_DIR/logs"
    -Dlog4j2.configurationFile="$HERE/log4j2.xml"
    -cp "$LIB/*" "$@")
}

start() {
  local pid port
  if pid="$(running_pid)"; then
    check_ports
    wait_ready "$pid"
    return
  fi
  fetch
  command -v java >/dev/null || die "Java 17+ is required to run the broker"
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    ! port_in_use "$port" || die "port $port on 127.0.0.1 is already in use (another broker?)"
  done
  if [[ -f "$KAFKA_DATA_DIR/data/meta.properties" && ! -s "$SECRET_FILE" ]]; then
    die "$KAFKA_DATA_DIR holds a broker from before sign-in was required; remove it and start again"
  fi
  mkdir -p "$KAFKA_DATA_DIR/data" "$KAFKA_DATA_DIR/logs"
  ensure_secret
  write_props

  # Format once; the cluster id is kept so the same data dir is reused across restarts.
  if [[ ! -f "$KAFKA_DATA_DIR/data/meta.properties" ]]; then
    [[ -s "$KAFKA_DATA_DIR/cluster.id" ]] || new_cluster_id >"$KAFKA_DATA_DIR/cluster.id"
    # The broker's own SCRAM user must exist before anyone can sign in to add others.
    java_cmd kafka.tools.StorageTool format --ignore-formatted \
      --cluster-id "$(<"$KAFKA_DATA_DIR/cluster.id")" --config "$PROPS" \
      --add-scram "SCRAM-SHA-512=[name=broker,password=$(<"$SECRET_FILE")]"
    "${JAVA_CMD[@]}" >/dev/null
  fi

  # setsid: own session, so a Ctrl-C aimed at the caller cannot kill the broker
  # half-way; it is stopped cleanly by "stop". setsid execs in place, so $! is java.
  java_cmd kafka.Kafka "$PROPS"
  setsid "${JAVA_CMD[@]}" >"$OUT" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  if ! wait_ready "$pid"; then
    echo "--- last lines of $OUT and server.log ---" >&2
    tail -n 30 "$OUT" "$KAFKA_DATA_DIR/logs/server.log" >&2 2>/dev/null || true
    stop # never leave a half-started broker behind
    exit 1
  fi
  if ! grant_platform; then
    stop # a broker nobody may use is no use either
    die "could not give the platform's principals their passwords and ACLs"
  fi
}

stop() {
  local pid i
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    return 0
  fi
  check_ports
  kill -TERM "$pid"
  # A clean shutdown flushes logs and makes the next start fast; allow 60 s.
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "broker.sh: broker $pid did not stop in 60 s, killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
}

status() {
  local pid
  pid="$(running_pid)" || { echo "kafka: not running" >&2; return 1; }
  check_ports
  KAFKA_READY_TIMEOUT=5 wait_ready "$pid"
  echo "kafka: running (pid $pid) at $BOOTSTRAP"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  wait) wait_ready ;;
  *) die "usage: $0 fetch|start|stop|status|wait" ;;
esac
