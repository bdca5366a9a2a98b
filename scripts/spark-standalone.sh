#!/usr/bin/env bash
# Runs `digits read-batch` on a Spark standalone cluster made on this machine: a master and a worker, each its own
# JVM on loopback, started from the jars Maven already fetched (target/lib; nothing is downloaded), then reads the
# same images with local Spark and checks that both runs wrote the same rows.
#   scripts/spark-standalone.sh IMAGES [MODEL]     (IMAGES: a folder, glob or list; MODEL: default, the best reader)
# Keeps its logs and outputs in target/spark-standalone/ (master.log, worker.log, cluster/, local/).
set -euo pipefail
cd "$(dirname "$0")/.."
images=${1:?usage: scripts/spark-standalone.sh IMAGES [MODEL]}
model=${2:-}
bin/digits --version > /dev/null   # builds target/digits.jar and target/lib when they are missing or stale
work=target/spark-standalone
rm -rf "$work" && mkdir -p "$work/spark-home/jars"
# The worker starts executors from $SPARK_HOME/jars: the program and its libraries, linked, not copied.
ln -s "$PWD"/target/lib/*.jar "$PWD"/target/spark-lib/*.jar "$PWD/target/digits.jar" "$work/spark-home/jars/"
touch "$work/spark-home/RELEASE"
cat > "$work/log4j2.properties" <<'LOG'
rootLogger.level = info
rootLogger.appenderRef.out.ref = out
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
LOG
export SPARK_HOME="$PWD/$work/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 \
  SPARK_WORKER_DIR="$PWD/$work/worker"
cp="target/digits.jar:target/lib/*:target/spark-lib/*"
logs="-Dlog4j2.configurationFile=$PWD/$work/log4j2.properties"
java $logs -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 18080 \
  > "$work/master.log" 2>&1 &
master=$!
worker=""
trap 'kill $worker $master 2>/dev/null || true; wait 2>/dev/null || true' EXIT
wait_for() { # file, text, what
  for _ in $(seq 90); do grep -q "$2" "$1" && return 0; sleep 1; done
  echo "spark-standalone: $3 did not start; see $1" >&2; exit 1
}
wait_for "$work/master.log" "I have been elected leader" "the master"
TF_CPP_MIN_LOG_LEVEL=2 java $logs -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 4g \
  --webui-port 18081 spark://127.0.0.1:7077 > "$work/worker.log" 2>&1 &
worker=$!
wait_for "$work/worker.log" "Successfully registered with master" "the worker"
echo "master and worker up (logs in $work); reading on the cluster, then locally"
bin/digits read-batch "$images" ${model:+--model "$model"} --master spark://127.0.0.1:7077 --format csv \
  --output "$work/cluster"
bin/digits read-batch "$images" ${model:+--model "$model"} --format csv --output "$work/local"
if cmp -s <(tail -q -n +2 "$work"/local/part-*.csv | sort) <(tail -q -n +2 "$work"/cluster/part-*.csv | sort); then
  echo "same rows: $(tail -q -n +2 "$work"/local/part-*.csv | wc -l) from the cluster and from local Spark"
else
  echo "spark-standalone: the cluster's rows differ from local Spark's ($work/cluster, $work/local)" >&2
  exit 1
fi
