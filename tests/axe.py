"""axe-core, the accessibility engine, for the browser tests: fetched once at setup.

``python -m tests.axe`` (run by ``make install``) downloads the pinned axe-core package from
the npm registry, checks it against the registry's integrity hash and keeps its
``axe.min.js`` in the virtualenv; the tests read it from there and inject it into the page
under test, so nothing is fetched while they run.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

__all__ = ["AXE_VERSION", "axe_path", "axe_source", "fetch"]

AXE_VERSION = "4.14.1"
_TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
_INTEGRITY = ("sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFo"
              "oJpZe37OgudVGtQ==")


def axe_path() -> Path:
    """Where the setup keeps axe.min.js: beside the virtualenv's Python."""
    return Path(sys.prefix) / "share" / f"axe-core-{AXE_VERSION}" / "axe.min.js"


def axe_source() -> str | None:
    """axe.min.js, or None when the setup has not fetched it."""
    path = axe_path()
    return path.read_text(encoding="utf-8") if path.exists() else None


def fetch() -> Path:
    """Download the package, check its hash, keep axe.min.js (once)."""
    path = axe_path()
    if path.exists():
        return path
    with urllib.request.urlopen(_TARBALL, timeout=60) as response:
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != _INTEGRITY:
        raise SystemExit(f"axe-core {AXE_VERSION}: the download does not match the "
                         "registry's integrity hash")
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        script = archive.extractfile("package/axe.min.js").read()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(script)
    return path


if __name__ == "__main__":
    print(f"axe-core {AXE_VERSION}: {fetch()}")
