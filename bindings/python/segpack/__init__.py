"""segpack for Python: pycocotools' API (segpack.mask, segpack.coco.COCO, segpack.cocoeval.COCOeval)
and PYSKL's and cityscapesScripts' tools (segpack.skeleton, segpack.cityscapes) computed by the segpack
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
    """Makes `import pycocotools` and its modules `mask`, `coco`, `cocoeval` and `_mask` resolve to
    segpack in this process, so code written for pycocotools runs unchanged (call it before that code
    imports pycocotools)."""
    from . import _mask, coco, cocoeval, mask
    package = types.ModuleType("pycocotools", "segpack standing in for pycocotools")
    package.__path__ = []
    sys.modules["pycocotools"] = package
    for name, module in (("mask", mask), ("coco", coco), ("cocoeval", cocoeval), ("_mask", _mask)):
        setattr(package, name, module)
        sys.modules["pycocotools." + name] = module
