"""What the Java side of segpack is made of: its version, the JDK it needs, the JVM flags and the jars.

Defined once, in the root pom.xml (version, maven.compiler.release, segpack.jvm.flags, which the
./segpack launcher reads the same way) and the built jars beside it; an installed wheel carries a
copy generated from them by build_wheel.py (_bundle/project.json). Standard library only: the wheel
builder imports this module too.
"""
import json
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUNDLE = PACKAGE / "_bundle"
ROOT = PACKAGE.parents[2]


def pep440(maven_version):
    """0.1.0-SNAPSHOT -> 0.1.0.dev0: a wheel's version must be a PEP 440 one."""
    return re.sub(r"-SNAPSHOT$", ".dev0", maven_version)


def from_pom(root=ROOT):
    """The version, minimum JDK and JVM flags the root pom defines (no jars)."""
    pom = (root / "pom.xml").read_text(encoding="utf-8")
    without_parent = re.sub(r"<parent>.*?</parent>", "", pom, flags=re.S)
    version = re.search(r"<version>([^<]+)</version>", without_parent).group(1)
    release = re.search(r"<maven\.compiler\.release>(\d+)</maven\.compiler\.release>", pom).group(1)
    flags = re.search(r"<segpack\.jvm\.flags>(.*)</segpack\.jvm\.flags>", pom).group(1).split()
    return {"version": pep440(version), "min_jdk": int(release), "jvm_flags": flags}


def load():
    """The project description with "jars" (absolute paths, class path order): the wheel's bundle
    when installed, else the source tree's pom and bindings/target (built by ./segpack or mvn package)."""
    bundled = BUNDLE / "project.json"
    if bundled.is_file():
        project = json.loads(bundled.read_text(encoding="utf-8"))
        project["jars"] = [str(BUNDLE / "jars" / name) for name in project["jars"]]
        return project
    project = from_pom()
    target = ROOT / "bindings" / "target"
    main = sorted(target.glob("segpack-bindings-*.jar"))
    project["jars"] = [str(p) for p in main[:1] + sorted((target / "lib").glob("*.jar"))]
    if not main:
        project["missing"] = (f"segpack's jars are not built in {target}: run '{ROOT}/segpack --help' once "
                              "(it builds them)")
    return project
