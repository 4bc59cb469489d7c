"""segpack for Python: pycocotools' API (segpack.mask, segpack.coco.COCO) computed by the segpack
Java engine through JPype, bit for bit on valid input and with a ValueError saying why where
pycocotools crashes or returns garbage.

The JVM starts on the first call (about half a second), from a JDK >= 25 found as the ./segpack
launcher finds one ($SEGPACK_JAVA_HOME, $JAVA_HOME, /usr/lib/jvm/*, ~/.jdks/*). Importing segpack
fails with one sentence saying what to install when JPype or such a JDK is missing.
"""
import sys
import types

from . import _jvm

__version__ = _jvm.PROJECT["version"]


def install_as_pycocotools():
    """Makes `import pycocotools`, `pycocotools.mask` and `pycocotools.coco` resolve to segpack in
    this process, so code written for pycocotools runs unchanged (call it before that code imports
    pycocotools)."""
    from . import coco, mask
    package = types.ModuleType("pycocotools", "segpack standing in for pycocotools")
    package.__path__ = []
    package.mask = mask
    package.coco = coco
    sys.modules["pycocotools"] = package
    sys.modules["pycocotools.mask"] = mask
    sys.modules["pycocotools.coco"] = coco
