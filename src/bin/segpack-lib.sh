# Sourced by ./segpack (which .ci/run calls): finds a JDK >= 25, keeps the build and the start-up
# cache up to date, and runs the CLI.

if [ "${BASH_VERSINFO[0]}" -lt 4 ] || { [ "${BASH_VERSINFO[0]}" -eq 4 ] && [ "${BASH_VERSINFO[1]}" -lt 4 ]; }; then
    echo "segpack: needs bash >= 4.4 (this is $BASH_VERSION)" >&2
    exit 1
fi
SEGPACK_MIN_JDK=25
# Where the CLI's jars, the last build's list of inputs and the start-up cache live.
SEGPACK_TARGET="$SEGPACK_ROOT/bindings/target"
# Flags every JVM that runs segpack needs, defined once: the root pom's segpack.jvm.flags, which
# the test JVMs get too; and SEGPACK_CLI_JVM_FLAGS, the root pom's segpack.cli.jvm.flags, which the
# CLI's JVMs get instead (see the pom for why). (The launcher reads files with bash's own read:
# every process it starts costs milliseconds on each run.)
SEGPACK_JVM_FLAGS=()
SEGPACK_CLI_JVM_FLAGS=()
# And SEGPACK_COMMAND_JVM_FLAGS, the flags one command adds to the CLI's (segpack.cli.jvm.flags.<group>-<command>),
# in which $SEGPACK_ROOT stands for the project's folder (a file of JIT directives beside this one).
declare -A SEGPACK_COMMAND_JVM_FLAGS=()
segpack_flags_element='<segpack[.](cli[.])?jvm[.]flags>(.*)</segpack[.](cli[.])?jvm[.]flags>'
segpack_command_flags_element='<segpack[.]cli[.]jvm[.]flags[.]([a-z0-9-]+)>(.*)</segpack[.]cli[.]jvm[.]flags[.][a-z0-9-]+>'
while IFS= read -r segpack_pom_line; do
    if [[ $segpack_pom_line =~ $segpack_flags_element ]]; then
        if [ -n "${BASH_REMATCH[1]}" ]; then
            read -r -a SEGPACK_CLI_JVM_FLAGS <<< "${BASH_REMATCH[2]}"
        else
            read -r -a SEGPACK_JVM_FLAGS <<< "${BASH_REMATCH[2]}"
        fi
    elif [[ $segpack_pom_line =~ $segpack_command_flags_element ]]; then
        SEGPACK_COMMAND_JVM_FLAGS[${BASH_REMATCH[1]}]="${BASH_REMATCH[2]//\$SEGPACK_ROOT/$SEGPACK_ROOT}"
    fi
    [[ $segpack_pom_line == *'</properties>'* ]] && break
done < "$SEGPACK_ROOT/pom.xml"
unset segpack_flags_element segpack_command_flags_element segpack_pom_line
if [ "${#SEGPACK_JVM_FLAGS[@]}" -eq 0 ] || [ "${#SEGPACK_CLI_JVM_FLAGS[@]}" -eq 0 ]; then
    echo "segpack: $SEGPACK_ROOT/pom.xml lacks <segpack.jvm.flags> or <segpack.cli.jvm.flags>; running without them" >&2
fi

# Sets SEGPACK_JDK to the first JDK >= 25 (one with javac and a release file) among
# $SEGPACK_JAVA_HOME, $JAVA_HOME, /usr/lib/jvm/* and ~/.jdks/*; fails with one line saying what to
# install.
segpack_find_jdk() {
    local candidate line
    for candidate in "${SEGPACK_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* "$HOME"/.jdks/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] \
            && [ -f "$candidate/release" ] || continue
        while IFS= read -r line; do
            if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
                if [ "${BASH_REMATCH[1]}" -ge "$SEGPACK_MIN_JDK" ]; then
                    SEGPACK_JDK="$candidate"
                    return 0
                fi
                break
            fi
        done < "$candidate/release"
    done
    echo "segpack: no JDK >= $SEGPACK_MIN_JDK found (looked at \$SEGPACK_JAVA_HOME, \$JAVA_HOME, /usr/lib/jvm, ~/.jdks): install one, e.g. 'apt-get install temurin-25-jdk', or set SEGPACK_JAVA_HOME" >&2
    return 1
}

# Runs Maven on the JDK found above (so its toolchain is that JDK too), quietly about Maven's own
# use of sun.misc.Unsafe, and without the colour resets ("ESC[0m") that Maven 3.8's jansi writes
# when it starts and stops even in batch mode (-Dstyle.color=never only exists from Maven 3.9).
segpack_mvn() {
    local jdk="$1"; shift
    if ! command -v mvn >/dev/null 2>&1; then
        echo "segpack: Maven (mvn) is not installed: install it, e.g. 'apt-get install maven'" >&2
        return 1
    fi
    JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow -Djansi.noreset=true" \
        mvn -f "$SEGPACK_ROOT/pom.xml" "$@"
}

# The inputs of module $1's jars (bindings: the CLI's; spark: the Spark jobs'), relative to
# $SEGPACK_ROOT: the poms and every folder and file under the modules' src/main (a folder's mtime
# catches files added, removed or renamed in it; tests do not go into the jars).
segpack_list_sources() {
    local -a own=()
    [ "$1" = bindings ] || own=("$1/pom.xml" "$1/src/main")
    (cd "$SEGPACK_ROOT" && find pom.xml picocli/pom.xml engine/pom.xml bindings/pom.xml engine/src/main bindings/src/main "${own[@]}")
}

# Succeeds if the list of inputs of the last build ($1, written when that build started) is missing,
# or one of them is newer than the list: one comparison per input and no process started
# (about 1 ms; a find over the tree cost a process and a walk of every folder on each run).
segpack_sources_changed() {
    local list="$1" source
    local -a sources
    [ -f "$list" ] || return 0
    mapfile -t sources < "$list"
    for source in "${sources[@]}"; do
        # (-nt also holds when the input is gone; its removal changed its folder's mtime, and the
        # folder is an input too, so one comparison per input is enough)
        [[ $list -nt $SEGPACK_ROOT/$source ]] || return 0
    done
    return 1
}

# Builds module $2 (default bindings, the CLI) and what it needs if a source changed since its last
# build. Maven's output goes to segpack-build.log in the module's target and is shown only if the
# build fails.
segpack_build_if_stale() {
    local jdk="$1" module="${2:-bindings}"
    local target="$SEGPACK_ROOT/$module/target"
    local list="$target/segpack-sources.list" log="$target/segpack-build.log"
    segpack_sources_changed "$list" || return 0
    echo "segpack: building${2:+ the $module module} (first use or sources changed)..." >&2
    mkdir -p "$target"
    # The class path is every jar in lib: one a dependency change left behind must not stay on it.
    rm -rf "$target/lib"
    segpack_list_sources "$module" > "$list.$$"
    if ! segpack_mvn "$jdk" -B -q -ntp -DskipTests -pl "$module" -am package > "$log" 2>&1; then
        cat "$log" >&2
        echo "segpack: build failed (Maven's output above)" >&2
        rm -f "$list.$$"
        return 1
    fi
    mv -f "$list.$$" "$list"
}

# Sets SEGPACK_JARS to the CLI's jar, then its dependencies in a fixed (sorted) order, and
# SEGPACK_CLASS_PATH to them joined: the start-up cache is accepted only with the class path it was
# trained on.
segpack_class_path() {
    SEGPACK_JARS=("$SEGPACK_TARGET/segpack-bindings-0.1.0-SNAPSHOT.jar" "$SEGPACK_TARGET"/lib/*.jar)
    segpack_join_class_path SEGPACK_CLASS_PATH "${SEGPACK_JARS[@]}"
}

# Sets the variable named $1 to the jars after it joined with ':'.
segpack_join_class_path() {
    local -n segpack_joined="$1"
    local jar
    segpack_joined="$2"
    for jar in "${@:3}"; do
        segpack_joined+=":$jar"
    done
}

# An ahead-of-time cache (JEP 483/514/515: the classes loaded and linked, and the method profiles,
# of a training run), which shortens the start and warm-up of a command. Sets SEGPACK_AOT_FLAGS
# to the JVM flags that use it, or to none when there is no cache or SEGPACK_AOT=0; trains it first
# (with TRAINER JDK CACHE, TRAINER a function and its first arguments, split at spaces) when it is
# missing or older than one of the JARS. A failed
# training leaves an empty cache (the reason is in the trainer's log) so that it is not retried
# before the next build. -Xlog:aot=off: a cache the JVM refuses (e.g. SEGPACK_JVM_OPTS chose another
# GC) is skipped without a word (the JVM would print its reasons on stdout).
#   segpack_aot_flags JDK CACHE TRAINER JAR...
segpack_aot_flags() {
    local jdk="$1" cache="$2" trainer="$3" jar
    shift 3
    SEGPACK_AOT_FLAGS=()
    [ "${SEGPACK_AOT:-1}" != 0 ] || return 0
    for jar in "$@"; do
        if [ ! "$cache" -nt "$jar" ] && [ -w "${cache%/*}" ]; then
            # (split: the function and its first arguments)
            $trainer "$jdk" "$cache"
            break
        fi
    done
    if [ -s "$cache" ]; then
        SEGPACK_AOT_FLAGS=("-XX:AOTCache=$cache" -Xlog:aot=off)
    fi
}

# Moves a training run's cache into place: an interrupted run (exit code above 128, Ctrl-C) stops the
# launcher and trains again next time; a failed one leaves an empty cache.
#   segpack_keep_aot RC CACHE SCRATCH
segpack_keep_aot() {
    local rc="$1" cache="$2" out="$3"
    if [ "$rc" -gt 128 ]; then
        rm -rf "$out" "$cache.$$" "$cache.$$.config"
        exit "$rc"
    elif [ -s "$cache.$$" ]; then
        mv -f "$cache.$$" "$cache"
    else
        : > "$cache"
    fi
    rm -rf "$out" "$cache.$$.config"
}

# The training commands of command KEY (<group>-<command>, as segpack.cli.jvm.flags.<group>-<command>):
# its hot path on the bundled testdata, outputs under OUT. Sets SEGPACK_TRAINING to them, arguments of
# dev.segpack.aot.TrainingRun (each command ends with ';'); fails for a command without any.
#   segpack_training_commands KEY OUT
segpack_training_commands() {
    local data="$SEGPACK_ROOT/testdata" out="$2" round
    local coco="$data/coco-mini/annotations"
    local -a pack=(coco pack-h5 --ann "$coco/person_keypoints_val2017.json" --images "$data/coco-mini/val2017"
        --out "$out/pose.h5" \;)
    SEGPACK_TRAINING=()
    case "$1" in
        coco-info) SEGPACK_TRAINING=(coco info --ann "$coco/instances_val2017.json" \;) ;;
        coco-rle) SEGPACK_TRAINING=(coco rle --ann "$coco/instances_val2017.json" --out "$out/rle.json" --recompute \;) ;;
        masks-to-coco) SEGPACK_TRAINING=(masks to-coco --masks "$data/maskimg/flat" --images "$data/maskimg/images"
            --out "$out/masks.json" \;) ;;
        coco-pack-h5) SEGPACK_TRAINING=("${pack[@]}") ;;
        # (its input is pack-h5's output)
        h5-inspect) SEGPACK_TRAINING=("${pack[@]}" h5 inspect --in "$out/pose.h5" --preview "$out/preview.png" \;) ;;
        panoptic-to-detection) SEGPACK_TRAINING=(panoptic to-detection --json "$data/panoptic/panoptic_examples.json"
            --pngs "$data/panoptic/panoptic_examples" --out "$out/detection.json" \;) ;;
        coco-eval) SEGPACK_TRAINING=(coco eval --gt "$coco/instances_val2017.json"
            --dt "$data/eval/coco_mini_segm_results.json" --iou-type segm \;) ;;
        coco-export) SEGPACK_TRAINING=(coco export --ann "$coco/instances_val2017.json" --tasks instances
            --out "$out/export" \;) ;;
        # the 6 golden frames 10 times over: the per-image and per-object methods (PNG encoder, Huffman
        # codes, polygon fill) reach mature profiles only after as many frames as a short run has; with
        # one pass they start from the slower, profiling tier in every run
        cityscapes-render)
            for round in 1 2 3 4 5 6 7 8 9 10; do
                SEGPACK_TRAINING+=(cityscapes render --gt "$data/cityscapes/gtFine" --out "$out/cityscapes" \;)
            done ;;
        skeleton-heatmaps) SEGPACK_TRAINING=(skeleton heatmaps --ann "$data/skeleton/numpy2_p4.pkl" --out "$out/heatmaps"
            --clip-len 8 --num-clips 1 --size 56x56 \;) ;;
        *) return 1 ;;
    esac
}

# The commands with training commands of their own, so with a start-up cache of their own.
SEGPACK_TRAINED_COMMANDS=(coco-info coco-rle masks-to-coco coco-pack-h5 h5-inspect panoptic-to-detection coco-eval
    coco-export cityscapes-render skeleton-heatmaps)

# The training run of the cache the launcher keeps for command KEY (segpack_training_commands), or, for
# KEY "all" (every other command line), of every command after --help: in one JVM started with the flags
# of every run (the cache is refused under others), outputs in a scratch folder beside the jars. A cache
# of one command holds only the classes that command loads, all of which a JVM maps at its start (coco
# pack-h5 on coco-mini: 0.65 s of CPU against 0.72 s with the cache of every command). Not part of
# './segpack test': CI would pay for it and never use it.
#   segpack_train_aot KEY JDK CACHE
segpack_train_aot() {
    local key="$1" jdk="$2" cache="$3" out="$SEGPACK_TARGET/aot-training.$$" rc=0 command
    local -a training=()
    if [ "$key" = all ]; then
        training=(--help \;)
        for command in "${SEGPACK_TRAINED_COMMANDS[@]}"; do
            # (h5 inspect's training runs pack-h5 first)
            [ "$command" != coco-pack-h5 ] || continue
            segpack_training_commands "$command" "$out"
            training+=("${SEGPACK_TRAINING[@]}")
        done
        echo "segpack: preparing the start-up cache (once per build)..." >&2
    else
        segpack_training_commands "$key" "$out"
        training=("${SEGPACK_TRAINING[@]}")
        echo "segpack: preparing the start-up cache of ${key/-/ } (once per build)..." >&2
    fi
    mkdir -p "$out"
    "$jdk/bin/java" "${SEGPACK_CLI_JVM_FLAGS[@]}" -XX:AOTCacheOutput="$cache.$$" -cp "$SEGPACK_CLASS_PATH" \
        dev.segpack.aot.TrainingRun "${training[@]}" \
        < /dev/null > "$cache.log" 2>&1 || rc=$?
    segpack_keep_aot "$rc" "$cache" "$out"
}

# The line the JVM prints on stderr at every start because the Vector API is an incubator module.
# No option silences it (java.base's ModuleBootstrap prints it whenever the boot layer holds an
# incubator module), so the launcher leaves out exactly this line.
SEGPACK_INCUBATOR_WARNING="WARNING: Using incubator modules: jdk.incubator.vector"

# Copies stdin to stdout without the incubator warning. The JVM prints it while it boots, before any
# segpack code runs, so only the lines up to it are read line by line; then cat passes every byte on
# as it comes (progress lines rewritten with \r too).
segpack_drop_incubator_warning() {
    local line
    while IFS= read -r line; do
        [ "$line" = "$SEGPACK_INCUBATOR_WARNING" ] && exec cat
        printf '%s\n' "$line"
    done
    printf '%s' "$line"
}

# Runs the CLI with the arguments after $1: in the launcher's place when its flags hold no incubator
# module (the CLI's own do not), else returning its exit code, its stderr through
# segpack_drop_incubator_warning. The JVM runs in the background so that the launcher can forward
# INT, TERM and HUP to it (its shutdown hook removes its temp files) and wait for the filter too
# (nothing is printed after the launcher exits). The JVM keeps the launcher's stdin and stdout, so
# System.console() sees the same terminal; when stdout and stderr are the same file or pipe
# (2>&1, not a terminal) its stdout goes through the filter as well, which keeps the two in order.
segpack_run_cli() {
    local jdk="$1" err out=1 filter_pid java_pid rc=0
    local -a flags
    shift
    read -r -a flags <<< "${SEGPACK_CLI_JVM_FLAGS[*]} ${SEGPACK_COMMAND_JVM_FLAGS[${1:-}-${2:-}]:-}"
    segpack_class_path
    # A help request prints a page rendered at build time (dev.segpack.cli.PrerenderedHelp); the
    # start-up cache would only slow it down, by loading its thousands of classes eagerly.
    if [[ $# -gt 0 && ( ${!#} == --help || ${!#} == -h ) ]]; then
        SEGPACK_AOT_FLAGS=()
    else
        # a command with training commands of its own has a cache of its own (segpack_train_aot)
        local key=all cache="$SEGPACK_TARGET/segpack.aot"
        if [[ " ${SEGPACK_TRAINED_COMMANDS[*]} " == *" ${1:-}-${2:-} "* ]]; then
            key="$1-$2"
            cache="$SEGPACK_TARGET/segpack-$key.aot"
        fi
        segpack_aot_flags "$jdk" "$cache" "segpack_train_aot $key" "${SEGPACK_JARS[@]}"
    fi
    if [[ " ${flags[*]} ${SEGPACK_JVM_OPTS:-} " != *jdk.incubator.vector* ]]; then
        # No incubator module, no warning to drop: the JVM takes the launcher's place (its signals,
        # its exit code) and nothing else is started.
        exec "$jdk/bin/java" "${flags[@]}" "${SEGPACK_AOT_FLAGS[@]}" ${SEGPACK_JVM_OPTS:-} \
            -cp "$SEGPACK_CLASS_PATH" dev.segpack.cli.Main "$@"
    fi
    exec {err}> >(trap '' INT TERM HUP; segpack_drop_incubator_warning >&2)
    filter_pid=$!
    if [ /dev/fd/1 -ef /dev/fd/2 ] && [ ! -t 1 ]; then
        out="$err"
    fi
    (trap - INT QUIT; exec "$jdk/bin/java" "${flags[@]}" "${SEGPACK_AOT_FLAGS[@]}" ${SEGPACK_JVM_OPTS:-} \
        -cp "$SEGPACK_CLASS_PATH" dev.segpack.cli.Main "$@") <&0 >&"$out" 2>&"$err" {err}>&- &
    java_pid=$!
    exec {err}>&-
    trap 'kill -INT "$java_pid" 2>/dev/null' INT
    trap 'kill -TERM "$java_pid" 2>/dev/null' TERM
    trap 'kill -HUP "$java_pid" 2>/dev/null' HUP
    # (2>/dev/null: bash's own "Killed ..." notice when the JVM dies of a signal; 128 + the signal is
    # the exit code, as from the JVM itself.)
    wait "$java_pid" 2>/dev/null || rc=$?
    while kill -0 "$java_pid" 2>/dev/null; do
        rc=0
        wait "$java_pid" 2>/dev/null || rc=$?
    done
    trap - INT TERM HUP
    wait "$filter_pid" || true
    return "$rc"
}

# Runs the Spark jobs (dev.segpack.spark.SparkMain) with the arguments after $1, in local mode unless
# --master says otherwise, on the spark module's class path: its jar and spark/target/lib (the
# engine, the bindings and Spark), with the Spark jobs' own start-up cache (never the CLI's class
# path or cache). Spark logs only errors (src/bin/spark-log4j2.properties) and starts no web UI
# (SEGPACK_JVM_OPTS=-Dspark.ui.enabled=true brings it back); the JVM gets the flags every segpack JVM
# gets, and leave for Spark's own use of sun.misc.Unsafe (which JDK 25 otherwise warns about on stderr).
segpack_run_spark() {
    local jdk="$1" target="$SEGPACK_ROOT/spark/target"
    shift
    SEGPACK_SPARK_JVM_FLAGS=("${SEGPACK_JVM_FLAGS[@]}" --sun-misc-unsafe-memory-access=allow
        -Dlog4j2.configurationFile="$SEGPACK_ROOT/src/bin/spark-log4j2.properties" -Dspark.ui.enabled=false)
    SEGPACK_SPARK_JARS=("$target/segpack-spark-0.1.0-SNAPSHOT.jar" "$target"/lib/*.jar)
    segpack_join_class_path SEGPACK_SPARK_CLASS_PATH "${SEGPACK_SPARK_JARS[@]}"
    segpack_aot_flags "$jdk" "$target/segpack-spark.aot" segpack_train_spark_aot "${SEGPACK_SPARK_JARS[@]}"
    exec "$jdk/bin/java" "${SEGPACK_SPARK_JVM_FLAGS[@]}" "${SEGPACK_AOT_FLAGS[@]}" ${SEGPACK_JVM_OPTS:-} \
        -cp "$SEGPACK_SPARK_CLASS_PATH" dev.segpack.spark.SparkMain "$@" 2> >(segpack_drop_incubator_warning >&2)
}

# The Spark jobs' training run: Spark's start and a coco-rle job over the bundled COCO sample in
# local[2], with the flags of every run. Spark's start is most of what a job costs beyond its
# command (see the README's "Spark"); the cache cuts it by about a third of the CPU.
segpack_train_spark_aot() {
    local jdk="$1" cache="$2" out="$SEGPACK_ROOT/spark/target/aot-training.$$" rc=0
    echo "segpack: preparing the Spark jobs' start-up cache (once per build)..." >&2
    mkdir -p "$out"
    "$jdk/bin/java" "${SEGPACK_SPARK_JVM_FLAGS[@]}" -XX:AOTCacheOutput="$cache.$$" -cp "$SEGPACK_SPARK_CLASS_PATH" \
        dev.segpack.spark.SparkMain coco-rle --master 'local[2]' \
        --ann "$SEGPACK_ROOT/testdata/coco-mini/annotations/instances_val2017.json" --out "$out/rle.json" \
        < /dev/null > "$SEGPACK_ROOT/spark/target/segpack-spark-aot.log" 2>&1 || rc=$?
    segpack_keep_aot "$rc" "$cache" "$out"
}
