#!/usr/bin/env python3
"""Builds segpack-<version>-py3-none-any.whl: the segpack package with the engine's jars inside and
segpack/_bundle/project.json, generated from the root pom (version, minimum JDK, JVM flags) and the
class path given (the jars in order). Standard library only (zipfile); `./segpack wheel --out DIR`
runs it with the launcher's class path.

    build_wheel.py --out DIR JAR...
"""
import argparse
import base64
import hashlib
import importlib.util
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "segpack"
# Fixed entry times: the same inputs give the same wheel bytes.
EPOCH = (1980, 1, 1, 0, 0, 0)


def project_module():
    """segpack/_project.py on its own (importing the package would need JPype and a JDK)."""
    spec = importlib.util.spec_from_file_location("segpack_project", PACKAGE / "_project.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(out_dir, jars):
    project = project_module().from_pom()
    version = project["version"]
    project["jars"] = [Path(j).name for j in jars]
    if len(set(project["jars"])) != len(jars):
        raise SystemExit("build_wheel: two jars share a file name: " + " ".join(map(str, jars)))
    dist_info = f"segpack-{version}.dist-info"
    entries = [(f"segpack/{p.name}", p.read_bytes()) for p in sorted(PACKAGE.glob("*.py"))]
    entries.append(("segpack/_bundle/project.json", json.dumps(project, indent=1).encode() + b"\n"))
    entries += [(f"segpack/_bundle/jars/{Path(j).name}", Path(j).read_bytes()) for j in jars]
    entries.append((f"{dist_info}/METADATA", (
        "Metadata-Version: 2.1\n"
        "Name: segpack\n"
        f"Version: {version}\n"
        "Summary: pycocotools' API computed by the segpack Java engine (needs a JDK >= "
        f"{project['min_jdk']})\n"
        "Requires-Python: >=3.9\n"
        "Requires-Dist: numpy\n"
        "Requires-Dist: JPype1>=1.4\n").encode()))
    entries.append((f"{dist_info}/WHEEL", (
        "Wheel-Version: 1.0\n"
        "Generator: segpack build_wheel.py\n"
        "Root-Is-Purelib: true\n"
        "Tag: py3-none-any\n").encode()))
    entries.append((f"{dist_info}/top_level.txt", b"segpack\n"))
    record = "".join(f"{name},sha256={digest(data)},{len(data)}\n" for name, data in entries)
    entries.append((f"{dist_info}/RECORD", (record + f"{dist_info}/RECORD,,\n").encode()))
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"segpack-{version}-py3-none-any.whl"
    partial = wheel.with_name(wheel.name + ".partial")
    with zipfile.ZipFile(partial, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = 0o644 << 16
            # jars are zip files already: stored, not compressed again
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".jar") else zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    partial.replace(wheel)
    return wheel


def digest(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def main():
    parser = argparse.ArgumentParser(description="Builds the segpack wheel (the Python package with the jars inside).")
    parser.add_argument("--out", required=True, type=Path, help="folder to write segpack-<version>-py3-none-any.whl to")
    parser.add_argument("jars", nargs="+", help="the class path, in order: segpack-bindings first, then its dependencies")
    args = parser.parse_args()
    missing = [j for j in args.jars if not Path(j).is_file()]
    if missing:
        raise SystemExit("build_wheel: no such jar: " + " ".join(missing))
    print(build(args.out, args.jars))


if __name__ == "__main__":
    sys.exit(main())
