# Shared by ./segpack and .ci/run: find a JDK >= 25 and keep the build up to date.
# Sourced, not run.

SEGPACK_MIN_JDK=25
# Flags every JVM that runs segpack needs, defined once: the root pom's segpack.jvm.flags, which
# the test JVMs get too.
read -r -a SEGPACK_JVM_FLAGS <<< "$(sed -n 's:.*<segpack.jvm.flags>\(.*\)</segpack.jvm.flags>.*:\1:p' "$SEGPACK_ROOT/pom.xml")"
if [ "${#SEGPACK_JVM_FLAGS[@]}" -eq 0 ]; then
    echo "segpack: $SEGPACK_ROOT/pom.xml defines no <segpack.jvm.flags>; running without them" >&2
fi

# The major version of the JDK at $1, or nothing if it has no javac (a JRE) or no release file.
segpack_jdk_major() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 1
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

# Prints the first JDK >= 25 among $SEGPACK_JAVA_HOME, $JAVA_HOME, /usr/lib/jvm/* and ~/.jdks/*;
# fails with one line saying what to install.
segpack_find_jdk() {
    local candidate major
    for candidate in "${SEGPACK_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* "$HOME"/.jdks/*; do
        [ -n "$candidate" ] || continue
        major="$(segpack_jdk_major "$candidate" 2>/dev/null)" || continue
        if [ -n "$major" ] && [ "$major" -ge "$SEGPACK_MIN_JDK" ]; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    echo "segpack: no JDK >= $SEGPACK_MIN_JDK found (looked at \$SEGPACK_JAVA_HOME, \$JAVA_HOME, /usr/lib/jvm, ~/.jdks): install one, e.g. 'apt-get install temurin-25-jdk', or set SEGPACK_JAVA_HOME" >&2
    return 1
}

# Runs Maven on the JDK found above (so its toolchain is that JDK too), quietly about Maven's own
# use of sun.misc.Unsafe.
segpack_mvn() {
    local jdk="$1"; shift
    if ! command -v mvn >/dev/null 2>&1; then
        echo "segpack: Maven (mvn) is not installed: install it, e.g. 'apt-get install maven'" >&2
        return 1
    fi
    JAVA_HOME="$jdk" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
        mvn -f "$SEGPACK_ROOT/pom.xml" "$@"
}

# Builds the CLI's jars unless they are newer than every source and pom.
segpack_build_if_stale() {
    local jdk="$1" stamp="$SEGPACK_ROOT/bindings/target/.segpack-build.stamp"
    if [ -f "$stamp" ] && [ -z "$(find "$SEGPACK_ROOT/pom.xml" "$SEGPACK_ROOT"/engine "$SEGPACK_ROOT"/bindings \
            \( -name target -prune \) -o \( -type f -newer "$stamp" -print \) 2>/dev/null | head -n 1)" ]; then
        return 0
    fi
    echo "segpack: building (first use or sources changed)..." >&2
    segpack_mvn "$jdk" -B -q -ntp -Dstyle.color=never -DskipTests -pl bindings -am package >&2 || {
        echo "segpack: build failed; run './segpack test' to see why" >&2
        return 1
    }
    touch "$stamp"
}
