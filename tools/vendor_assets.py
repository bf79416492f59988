"""Fill iucgraph/web/static/vendor/ with the third-party browser assets the pages use.

The versions are pinned by web/package-lock.json; this script installs them with `npm ci`
(only when web/node_modules is missing or older than the lock file), bundles our CodeMirror 6
entry point (web/src/editor.js) with esbuild, and copies the dist files and their licences.
The pages then load everything from our own origin: no CDN, no tile server.

    python3 tools/vendor_assets.py            # install if needed, bundle, copy
    python3 tools/vendor_assets.py --check    # exit 1 if an asset is missing (no changes)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
MODULES = WEB / "node_modules"
VENDOR = ROOT / "iucgraph" / "web" / "static" / "vendor"

# (file under node_modules, name under vendor/)
COPIES = (
    ("cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"),
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/dist/images/layers.png", "leaflet/images/layers.png"),
    ("leaflet/dist/images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("leaflet/dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet/dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet/dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"),
    ("world-atlas/countries-50m.json", "world-atlas/countries-50m.json"),
)
PACKAGES = (
    "codemirror",
    "@codemirror/view",
    "@codemirror/state",
    "@codemirror/language",
    "@codemirror/legacy-modes",
    "@codemirror/autocomplete",
    "cytoscape",
    "leaflet",
    "topojson-client",
    "world-atlas",
)
BUNDLE = "codemirror.bundle.js"
MANIFEST = "ASSETS.json"


def expected() -> list[Path]:
    """Every file the pages load from vendor/."""
    return [VENDOR / BUNDLE, VENDOR / MANIFEST] + [VENDOR / dest for _, dest in COPIES]


def _run(args: list[str]) -> None:
    print("+", " ".join(args), file=sys.stderr)
    subprocess.run(args, check=True, cwd=ROOT)


def install() -> None:
    """`npm ci` in web/ unless node_modules is already as new as the lock file."""
    lock = WEB / "package-lock.json"
    marker = MODULES / ".package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is needed to install the web assets (Debian: apt-get install npm)")
    _run([npm, "ci", "--prefix", str(WEB), "--no-audit", "--no-fund"])


def bundle() -> None:
    esbuild = MODULES / ".bin" / "esbuild"
    _run(
        [
            str(esbuild),
            str(WEB / "src" / "editor.js"),
            "--bundle",
            "--minify",
            "--format=iife",
            "--target=es2020",
            "--legal-comments=none",
            f"--outfile={VENDOR / BUNDLE}",
        ]
    )


def _version(package: str) -> str:
    data = json.loads((MODULES / package / "package.json").read_text(encoding="utf-8"))
    return str(data["version"])


def copy() -> None:
    for src, dest in COPIES:
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MODULES / src, target)
    licences = VENDOR / "licenses"
    licences.mkdir(parents=True, exist_ok=True)
    for package in PACKAGES:
        for name in ("LICENSE", "LICENSE.md", "LICENSE.txt"):
            found = MODULES / package / name
            if found.exists():
                shutil.copyfile(found, licences / (package.replace("/", "__") + ".txt"))
                break
    manifest = {p: _version(p) for p in PACKAGES}
    (VENDOR / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that assets exist")
    args = parser.parse_args(argv)
    if args.check:
        missing = [str(p.relative_to(ROOT)) for p in expected() if not p.exists()]
        for path in missing:
            print(f"missing: {path}", file=sys.stderr)
        return 1 if missing else 0
    VENDOR.mkdir(parents=True, exist_ok=True)
    install()
    bundle()
    copy()
    print(f"web assets ready in {VENDOR.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
