#!/usr/bin/env bash
# Runs the cluster jar (spark/target/segpack-spark-*-cluster.jar) the way spark-submit runs it, on a
# Spark install made of the Spark jars the build downloaded (spark/target/lib without segpack's own):
# Spark's launcher (org.apache.spark.launcher.Main, what bin/spark-class runs) builds the driver's
# java command from the spark-submit arguments, and this script runs that command, as spark-class
# does. The master is local-cluster[2,1,1024]: a standalone master and workers in the driver, and two
# executors in JVMs of their own, so the executors' JVM options and the shipping of the jar are
# exercised as on a cluster. Checks that the output equals 'segpack coco rle''s. Not a test.
#   bench/harness/spark_submit_check.sh [IN.json]   (default: testdata/coco-mini/annotations/instances_val2017.json)
set -euo pipefail
cd "$(dirname "$0")/../.."
in="$(realpath "${1:-testdata/coco-mini/annotations/instances_val2017.json}")"
dir=/tmp/segpack-spark-submit-$$
./segpack spark --help > /dev/null   # builds the module (and the cluster jar) if sources changed
SEGPACK_ROOT="$PWD"
. src/bin/segpack-lib.sh
segpack_find_jdk
mkdir -p "$dir/home/jars"
for jar in spark/target/lib/*.jar; do
    case "${jar##*/}" in
        segpack-*|fastutil-core-*|jhdf-*) ;;   # in the cluster jar, not in a Spark install
        *) ln -s "$PWD/$jar" "$dir/home/jars/" ;;
    esac
done
echo "Spark 4.2.0 (the Maven jars of spark/target/lib)" > "$dir/home/RELEASE"
export SPARK_HOME="$dir/home" SPARK_SCALA_VERSION=2.13 JAVA_HOME="$SEGPACK_JDK"
flags="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
# spark-submit --master local-cluster[2,1,1024] --class dev.segpack.spark.SparkMain … JOB ARGS…
submit() {
    local command=() arg   # the launcher prints a NUL and a newline, then the command's arguments, each ended by a NUL
    while IFS= read -r -d '' arg; do
        arg="${arg#$'\n'}"
        [ -z "$arg" ] || command+=("$arg")
    done < <("$JAVA_HOME/bin/java" -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit \
        --master 'local-cluster[2,1,1024]' --class dev.segpack.spark.SparkMain \
        --conf spark.driver.extraJavaOptions="$flags" --conf spark.executor.extraJavaOptions="$flags" \
        spark/target/segpack-spark-0.1.0-SNAPSHOT-cluster.jar "$@")
    "${command[@]}" 2> "$dir/submit.log" || { cat "$dir/submit.log" >&2; return 1; }
    # the executors' java command as the workers logged it: the options of spark.executor.extraJavaOptions in it
    grep -m1 "Launch command: .*CoarseGrainedExecutorBackend" "$dir/submit.log" \
        | grep -q '"--add-modules" "jdk.incubator.vector" "--enable-native-access=ALL-UNNAMED"' \
        && echo "$1: executor JVMs started with spark.executor.extraJavaOptions" \
        || echo "$1: the executors' launch command lacks spark.executor.extraJavaOptions (see $dir/submit.log)"
}
submit coco-rle --ann "$in" --out "$dir/spark.json" --partitions 4
./segpack coco rle --ann "$in" --out "$dir/cli.json" > /dev/null
cmp "$dir/spark.json" "$dir/cli.json" && echo "coco-rle through spark-submit: output identical to coco rle"
masks=$PWD/testdata/maskimg/flat images=$PWD/testdata/maskimg/images
submit masks-to-parquet --masks "$masks" --images "$images" --out "$dir/table" --partitions 3
submit parquet-to-coco --in "$dir/table" --out "$dir/from-table.json"
./segpack masks to-coco --masks "$masks" --images "$images" --format rle --out "$dir/masks.json" > /dev/null
diff <(grep '"segmentation"' "$dir/masks.json") <(grep '"segmentation"' "$dir/from-table.json") \
    && echo "masks-to-parquet through spark-submit: the annotations of masks to-coco --format rle"
rm -rf "$dir"
