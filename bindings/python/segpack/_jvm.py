"""The JVM segpack's engine runs in: a JDK found as the ./segpack launcher finds one, started on first
use through JPype with the flags and jars _project describes.

Importing this module fails with one sentence saying what to install when JPype or a JDK is missing;
the JVM itself (about half a second) starts only when a segpack function is first called.
"""
import contextlib
import ctypes
import os
import re
import sys
import tempfile
import threading
from pathlib import Path

from . import _project

try:
    import jpype
    import jpype.nio
except ImportError:
    raise ImportError("segpack needs JPype: install it, e.g. 'apt-get install python3-jpype' "
                      "or 'pip install JPype1'") from None

PROJECT = _project.load()
# The one line the JVM prints at every start because the Vector API is an incubator module; no
# option silences it, so it is left out of what the start writes on stderr (as the launcher does).
_INCUBATOR_WARNING = b"WARNING: Using incubator modules: jdk.incubator.vector"


def _java_version(home):
    try:
        release = (home / "release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = re.search(r'^JAVA_VERSION="(\d+)', release, re.M)
    return int(found.group(1)) if found else None


def _find_jdk(minimum):
    """The first Java >= minimum with a libjvm among $SEGPACK_JAVA_HOME, $JAVA_HOME, /usr/lib/jvm/*,
    ~/.jdks/* (the launcher's order)."""
    candidates = [os.environ.get("SEGPACK_JAVA_HOME", ""), os.environ.get("JAVA_HOME", "")]
    for folder in (Path("/usr/lib/jvm"), Path.home() / ".jdks"):
        if folder.is_dir():
            candidates += sorted(str(p) for p in folder.iterdir())
    for candidate in filter(None, candidates):
        home = Path(candidate)
        libjvm = home / "lib" / "server" / "libjvm.so"
        version = _java_version(home)
        if libjvm.is_file() and version is not None and version >= minimum:
            return libjvm
    raise ImportError(f"segpack needs a JDK >= {minimum} (looked at $SEGPACK_JAVA_HOME, $JAVA_HOME, /usr/lib/jvm, "
                      f"~/.jdks): install one, e.g. 'apt-get install temurin-{minimum}-jdk', or set SEGPACK_JAVA_HOME")


LIBJVM = _find_jdk(PROJECT["min_jdk"])
_lock = threading.Lock()
_classes = None


def _jni_options(flags):
    """The launcher's flags as JNI options: a JNI option is one string, so '--add-modules X' becomes
    '--add-modules=X'."""
    options = []
    for flag in flags:
        if options and options[-1].startswith("--") and "=" not in options[-1] and not flag.startswith("-"):
            options[-1] += "=" + flag
        else:
            options.append(flag)
    return options


def _jpype_jar():
    """JPype's own jar, which its JVM needs on the class path: beside the _jpype module (pip) or in
    /usr/share/java (Debian's python3-jpype)."""
    import _jpype
    for jar in (Path(_jpype.__file__).parent / "org.jpype.jar", Path("/usr/share/java/org.jpype.jar")):
        if jar.is_file():
            return [str(jar)]
    return []


def _start():
    if "missing" in PROJECT:
        raise RuntimeError(PROJECT["missing"])
    saved = os.dup(2)
    with tempfile.TemporaryFile() as errors:
        os.dup2(errors.fileno(), 2)
        try:
            # SEGPACK_JVM_OPTS: extra JVM options, as for the launcher (e.g. -Xmx2g)
            options = PROJECT["jvm_flags"] + os.environ.get("SEGPACK_JVM_OPTS", "").split()
            jpype.startJVM(str(LIBJVM), *_jni_options(options),
                           classpath=PROJECT["jars"] + _jpype_jar(), convertStrings=False)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            errors.seek(0)
            kept = [line for line in errors.read().splitlines(True) if line.rstrip(b"\r\n") != _INCUBATOR_WARNING]
            if kept:
                sys.stderr.flush()
                os.write(2, b"".join(kept))


class _Classes:
    """The Java classes segpack calls, looked up once."""

    def __init__(self):
        self.MaskCalls = jpype.JClass("dev.segpack.python.MaskCalls")
        self.AnnotationCalls = jpype.JClass("dev.segpack.python.AnnotationCalls")
        self.EvalCalls = jpype.JClass("dev.segpack.python.EvalCalls")
        self.SkeletonCalls = jpype.JClass("dev.segpack.python.SkeletonCalls")
        self.CityscapesCalls = jpype.JClass("dev.segpack.python.CityscapesCalls")
        self.IllegalArgumentException = jpype.JClass("java.lang.IllegalArgumentException")
        self.ArithmeticException = jpype.JClass("java.lang.ArithmeticException")
        self.IllegalStateException = jpype.JClass("java.lang.IllegalStateException")
        self.InvalidInput = (self.IllegalArgumentException, self.ArithmeticException,
                             jpype.JClass("dev.segpack.skeleton.PickleFormatException"),
                             jpype.JClass("dev.segpack.cityscapes.CityscapesFormatException"))
        self.IOException = jpype.JClass("java.io.IOException")


def java():
    """The Java classes, starting the JVM on the first call."""
    global _classes
    if _classes is None:
        with _lock:
            if _classes is None:
                if not jpype.isJVMStarted():
                    _start()
                try:
                    _classes = _Classes()
                except TypeError:
                    raise RuntimeError("a JVM was started in this process without segpack's jars; "
                                       "import segpack before starting one") from None
    return _classes


@contextlib.contextmanager
def direct_buffers(*arrays):
    """java.nio.ByteBuffers over the memory of contiguous numpy arrays (in any order), no copy, for
    the calls into Java inside the with block, which keeps the arrays alive. They are wrapped through a
    memoryview of their address that refers to nothing: JPype's convertToDirectBuffer keeps what it
    wraps alive until the JVM collects the buffer, which for an array itself held every decode result
    (gigabytes in a loop) until a Java collection. The Java side keeps no buffer past its call."""
    flats = [array.ravel(order="K") for array in arrays]
    yield [jpype.nio.convertToDirectBuffer(_memory_at(flat.ctypes.data, flat.nbytes, _PYBUF_WRITE)) for flat in flats]


_memory_at = ctypes.pythonapi.PyMemoryView_FromMemory
_memory_at.argtypes = (ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_int)
_memory_at.restype = ctypes.py_object
_PYBUF_WRITE = 0x200


class EngineErrors:
    """Turns the engine's refusals (IllegalArgumentException, ArithmeticException for sizes that
    overflow, a malformed pickle or Cityscapes file) into ValueError, and other Java I/O errors into
    OSError, with the engine's message."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if error is not None and isinstance(error, _classes.InvalidInput):
            raise ValueError(str(error.getMessage())) from None
        if error is not None and isinstance(error, _classes.IOException):
            raise OSError(str(error.getMessage())) from None
        return False


ENGINE_ERRORS = EngineErrors()
