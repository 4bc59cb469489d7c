"""The wheel: built from the jars with build_wheel.py (what `./segpack wheel` runs), installed offline
with pip into a venv that sees the system's numpy and JPype, and used from outside the source tree."""
import subprocess
import sys
import venv
from pathlib import Path

import numpy as np
import pytest

from segpack import _project, mask

HERE = Path(__file__).resolve().parent
USE = ("import segpack, segpack.mask as m, numpy as np; "
       "assert '/site-packages/segpack/' in segpack.__file__, segpack.__file__; "
       "print(m.encode(np.asfortranarray(np.eye(4, dtype=np.uint8)))['counts'].decode(), segpack.__version__)")


def test_wheel_installs_offline_and_runs(tmp_path):
    built = subprocess.run([sys.executable, str(HERE.parent / "build_wheel.py"), "--out", str(tmp_path / "dist"),
                            *_project.load()["jars"]], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    wheel = Path(built.stdout.strip())
    version = _project.from_pom()["version"]
    assert wheel.name == f"segpack-{version}-py3-none-any.whl"
    env_dir = tmp_path / "venv"
    try:
        venv.create(env_dir, system_site_packages=True, with_pip=True)
    except subprocess.CalledProcessError as e:
        pytest.skip(f"python3 -m venv cannot install pip here (Debian: apt-get install python3-venv): {e}")
    python = env_dir / "bin" / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-index", str(wheel)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    used = subprocess.run([str(python), "-c", USE], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin"})
    assert used.returncode == 0, used.stderr
    expected = mask.encode(np.asfortranarray(np.eye(4, dtype=np.uint8)))["counts"].decode()
    assert used.stdout.split() == [expected, version]
