#!/usr/bin/env bash
# Spark's coco-rle against the single-machine coco rle on one big file: wall and CPU seconds of the
# whole process (Spark's start included) and the job's own seconds (its summary line), local[1] and
# local[2] alternated, ROUNDS times; then checks that every output is the same file, and sums up
# each Spark run's event log (spark_event_summary.py: the driver's time before the first Spark job,
# the executors' run and CPU seconds). Not a test: on a shared machine, read the figures with the
# load average printed before each run.
#   bench/harness/spark_coco_rle.sh [ANNOTATIONS] [ROUNDS] [DIR]     (defaults 40000, 3, /tmp/segpack-spark-bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
annotations="${1:-40000}" rounds="${2:-3}" dir="${3:-/tmp/segpack-spark-bench}"
mkdir -p "$dir"
rm -rf "$dir/events" && mkdir "$dir/events"
big="$dir/big$annotations.json"
[ -f "$big" ] || python3 bench/harness/make_big_coco.py --src testdata/coco-mini/annotations/instances_val2017.json \
    --annotations "$annotations" --out "$big"
./segpack spark --help > /dev/null   # builds the module once, outside the timings
./segpack --help > /dev/null
for ((i = 1; i <= rounds; i++)); do
    for cores in 1 2; do
        echo "load $(cut -d' ' -f1 /proc/loadavg)"
        SEGPACK_JVM_OPTS="-Dspark.eventLog.enabled=true -Dspark.eventLog.compress=false -Dspark.eventLog.dir=file://$dir/events" \
            /usr/bin/time -f "spark local[$cores]: wall %e s, cpu %U+%S s" ./segpack spark coco-rle --ann "$big" --out "$dir/spark$cores.json" --master "local[$cores]"
    done
    echo "load $(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f "coco rle: wall %e s, cpu %U+%S s" ./segpack coco rle --ann "$big" --out "$dir/cli.json" 2>&1 \
        | grep -v '%'
done
cmp "$dir/spark1.json" "$dir/cli.json" && cmp "$dir/spark2.json" "$dir/cli.json" && echo "outputs identical"
python3 bench/harness/spark_event_summary.py "$dir/events"
