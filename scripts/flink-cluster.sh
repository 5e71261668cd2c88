#!/usr/bin/env bash
# A real standalone Flink 2.2.1 session cluster on loopback, assembled from the Maven Central jars the build
# already resolved (no Flink download): one JobManager and N TaskManager processes.
#
#   scripts/flink-cluster.sh start [N]            start the JobManager and N TaskManagers (default 2)
#   scripts/flink-cluster.sh submit ARGS…         flink run -d the gnotify job jar with ARGS (e.g. run --volume-info …)
#   scripts/flink-cluster.sh kill-taskmanager I   SIGKILL TaskManager I (1-based), to test failover
#   scripts/flink-cluster.sh status | stop
#
# Environment: GNOTIFY_CLUSTER_DIR (default /tmp/gnotify-cluster: config, logs, checkpoints, pids),
# GNOTIFY_REST_PORT (default 8081). The web UI is not bundled; the REST API is at http://localhost:PORT.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${GNOTIFY_CLUSTER_DIR:-/tmp/gnotify-cluster}"
port="${GNOTIFY_REST_PORT:-8081}"
jar="$root/job/target/gnotify-job.jar"

log() { echo "[flink-cluster] $*" >&2; }

classpath() {
  if [[ ! -f "$jar" || ! -f "$root/job/target/classpath-compile.txt" ]]; then
    log "building the job jar (mvn package)"
    (cd "$root" && mvn -q -B -ntp -DskipTests -pl job -am package) >&2
  fi
  # Flink and its dependencies only: gnotify's own classes come with the job jar (child-first loading).
  tr ':' '\n' < "$root/job/target/classpath-compile.txt" | cat - <(tr ':' '\n' < "$root/job/target/classpath-runtime.txt") \
    | grep -v -e '/io/gnotify/' -e '/connectors/target/' -e '/info/picocli/' -e '/net/java/dev/jna/' \
    | awk 'NF && !seen[$0]++' | paste -sd: -
}

write_config() {
  mkdir -p "$dir/conf" "$dir/log" "$dir/checkpoints" "$dir/savepoints" "$dir/rocksdb"
  # The production settings from conf/config.yaml, with the local ones below instead of their keys there.
  local local_keys='^(jobmanager\.|taskmanager\.|rest\.|heartbeat\.|state\.backend\.rocksdb\.localdir|execution\.checkpointing\.(dir|savepoint-dir)|high-availability|env\.java\.opts)'
  grep -v -E "$local_keys" "$root/conf/config.yaml" | grep -v '^#' | sed '/^\s*$/d' > "$dir/conf/config.yaml"
  cat >> "$dir/conf/config.yaml" <<YAML
jobmanager.rpc.address: localhost
jobmanager.bind-host: localhost
jobmanager.memory.process.size: 1024m
taskmanager.bind-host: localhost
taskmanager.host: localhost
taskmanager.numberOfTaskSlots: 2
taskmanager.memory.process.size: 2560m
rest.address: localhost
rest.bind-address: localhost
rest.port: $port
heartbeat.interval: 1000
heartbeat.timeout: 6000
cluster.evenly-spread-out-slots: true
state.backend.rocksdb.localdir: $dir/rocksdb
execution.checkpointing.dir: file://$dir/checkpoints
execution.checkpointing.savepoint-dir: file://$dir/savepoints
env.java.opts.all: --add-opens java.base/sun.nio.fs=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
YAML
  cp "$root/conf/log4j.properties" "$dir/conf/log4j.properties"
}

# The JVM flags and -D settings Flink's own scripts would pass (BashJavaUtils), as two lines.
resource_params() {
  java -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$dir/conf" 2>/dev/null \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' | tail -n 2
}

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

rest_up() { curl -sf "http://localhost:$port/overview" >/dev/null 2>&1; }

start() {
  local n="${1:-2}"
  if alive "$dir/jobmanager.pid"; then log "already running ($dir)"; return 0; fi
  cp="$(classpath)"
  write_config
  local jm; mapfile -t jm < <(resource_params GET_JM_RESOURCE_PARAMS)
  # shellcheck disable=SC2086
  nohup java ${jm[0]} -Dlog.file="$dir/log/jobmanager.log" -Dlog4j.configurationFile="$dir/conf/log4j.properties" \
    --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -cp "$cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$dir/conf" ${jm[1]:-} \
    >"$dir/log/jobmanager.out" 2>&1 &
  echo $! > "$dir/jobmanager.pid"
  for _ in $(seq 120); do rest_up && break; sleep 0.5; done
  rest_up || { log "JobManager did not come up; see $dir/log"; exit 1; }
  local tm; mapfile -t tm < <(resource_params GET_TM_RESOURCE_PARAMS)
  for i in $(seq 1 "$n"); do
    # shellcheck disable=SC2086
    nohup java ${tm[0]} -Dlog.file="$dir/log/taskmanager-$i.log" -Dlog4j.configurationFile="$dir/conf/log4j.properties" \
      --add-opens java.base/sun.nio.fs=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
      -cp "$cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$dir/conf" ${tm[1]} \
      -Dtaskmanager.resource-id="tm-$i" >"$dir/log/taskmanager-$i.out" 2>&1 &
    echo $! > "$dir/taskmanager-$i.pid"
  done
  for _ in $(seq 120); do
    [[ "$(curl -sf "http://localhost:$port/overview" | grep -o '"taskmanagers":[0-9]*' | cut -d: -f2)" == "$n" ]] && break
    sleep 0.5
  done
  log "JobManager on http://localhost:$port with $n TaskManagers ($dir)"
}

submit() {
  cp="$(classpath)"
  FLINK_CONF_DIR="$dir/conf" java --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -cp "$cp" org.apache.flink.client.cli.CliFrontend run -d -m "localhost:$port" "$jar" "$@"
}

stop() {
  for f in "$dir"/taskmanager-*.pid "$dir/jobmanager.pid"; do
    [[ -f "$f" ]] || continue
    kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  log "stopped"
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  submit) shift; submit "$@" ;;
  kill-taskmanager) kill -9 "$(cat "$dir/taskmanager-$2.pid")"; rm -f "$dir/taskmanager-$2.pid"; log "killed TaskManager $2" ;;
  status) rest_up && curl -s "http://localhost:$port/overview" && echo || { echo "not running"; exit 1; } ;;
  stop) stop ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
