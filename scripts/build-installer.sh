#!/usr/bin/env bash
# Build the HomeSeat installers from this checkout (after scripts/bootstrap.sh).
#
#   scripts/build-installer.sh [WHAT...]      WHAT: bundle, deb, nsis (default: bundle deb nsis)
#
#   bundle  PyInstaller one-folder bundle (installer/homeseat.spec)  -> OUT/bundle/homeseat/
#   deb     Debian/Ubuntu package (dpkg-deb)                         -> OUT/homeseat_V_ARCH.deb
#   nsis    Windows installer (makensis; on Linux the Linux bundle
#           stands in for the Windows payload, which checks the
#           script, not a usable Windows installer)                  -> OUT/HomeSeat-V-setup.exe
#
# deb and nsis build the bundle first when OUT/bundle/homeseat is missing. Environment:
#   HOMESEAT_BUILD_DIR     OUT (default: dist/installer)
#   HOMESEAT_BUILD_PYTHON  the Python with homeseat[build] (default: .venv's)
#   HOMESEAT_DEB_COMPRESSION  dpkg-deb -Z (default xz; zstd/gzip are much faster for test builds)
#   HOMESEAT_NSIS_COMPRESSOR  "/SOLID lzma" (default), zlib, or off (test builds: no compression)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${HOMESEAT_BUILD_DIR:-$ROOT/dist/installer}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

say() { printf 'build-installer: %s\n' "$*"; }
die() {
    printf 'build-installer: ERROR: %s\n' "$*" >&2
    exit 1
}

PYTHON=${HOMESEAT_BUILD_PYTHON:-}
if [ -z "$PYTHON" ]; then
    for candidate in "$ROOT/.venv/bin/python" "$ROOT/.venv/Scripts/python.exe"; do
        if [ -x "$candidate" ]; then
            PYTHON=$candidate
            break
        fi
    done
fi
[ -n "$PYTHON" ] || die "no .venv: run scripts/bootstrap.sh first (or set HOMESEAT_BUILD_PYTHON)"
VERSION=$("$PYTHON" -c 'import homeseat; print(homeseat.__version__)')
BUNDLE="$OUT/bundle/homeseat"
ICONS="$OUT/icons"  # generated; the spec reads them through HOMESEAT_ICON_DIR
export HOMESEAT_ICON_DIR=$ICONS

build_bundle() {
    local start=$SECONDS
    say "icons from resources/icons/homeseat.svg"
    "$PYTHON" "$ROOT/installer/make_icons.py" "$ICONS" >/dev/null
    say "PyInstaller bundle (homeseat $VERSION) -> $BUNDLE"
    rm -rf "$OUT/bundle" "$OUT/work"
    "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$OUT/bundle" --workpath "$OUT/work" "$ROOT/installer/homeseat.spec"
    rm -rf "$OUT/work"
    [ -d "$BUNDLE/_internal" ] || die "PyInstaller made no bundle in $BUNDLE"
    say "bundle: $(du -sh "$BUNDLE" | cut -f1) in $((SECONDS - start)) s"
}

need_bundle() {
    [ -d "$BUNDLE/_internal" ] || build_bundle
}

build_deb() {
    command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb not found (a Debian/Ubuntu machine?)"
    need_bundle
    [ -x "$BUNDLE/homeseat" ] || die "$BUNDLE holds no Linux executable (built on another OS?)"
    local start=$SECONDS arch stage deb size
    arch=$(dpkg --print-architecture)
    stage=$(mktemp -d "${TMPDIR:-/tmp}/homeseat-deb.XXXXXX")
    # shellcheck disable=SC2064  # expand now: the stage path is fixed
    trap "rm -rf '$stage'" RETURN
    mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
        "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/etc/homeseat" \
        "$stage/usr/share/doc/homeseat"
    cp -a "$BUNDLE" "$stage/opt/homeseat"
    # Symlinks: the PyInstaller bootloader resolves its real path to find _internal/.
    ln -s /opt/homeseat/homeseat "$stage/usr/bin/homeseat"
    ln -s /opt/homeseat/homeseat-hub "$stage/usr/bin/homeseat-hub"
    install -m 644 "$ROOT/installer/linux/homeseat.desktop" "$stage/usr/share/applications/"
    install -m 644 "$ROOT/resources/icons/homeseat.svg" \
        "$stage/usr/share/icons/hicolor/scalable/apps/homeseat.svg"
    local size_px
    for size_px in 16 24 32 48 64 128 256 512; do
        install -D -m 644 "$ICONS/homeseat-$size_px.png" \
            "$stage/usr/share/icons/hicolor/${size_px}x${size_px}/apps/homeseat.png"
    done
    install -m 644 "$ROOT/installer/linux/policy.json" "$stage/etc/homeseat/policy.json"
    printf 'HomeSeat %s\nManaged policy: /etc/homeseat/policy.json (see docs/install.md)\n' \
        "$VERSION" >"$stage/usr/share/doc/homeseat/README"
    size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
    sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
        "$ROOT/installer/linux/control.in" >"$stage/DEBIAN/control"
    printf '/etc/homeseat/policy.json\n' >"$stage/DEBIAN/conffiles"
    chmod -R u=rwX,go=rX "$stage"
    deb="$OUT/homeseat_${VERSION}_${arch}.deb"
    rm -f "$deb"
    dpkg-deb --root-owner-group -Z"${HOMESEAT_DEB_COMPRESSION:-xz}" --build "$stage" "$deb" \
        >/dev/null
    say "deb: $deb ($(du -h "$deb" | cut -f1)) in $((SECONDS - start)) s"
}

build_nsis() {
    command -v makensis >/dev/null 2>&1 || die "makensis not found (apt-get install nsis)"
    need_bundle
    local start=$SECONDS exe
    exe="$OUT/HomeSeat-$VERSION-setup.exe"
    # Windows file versions are four numbers: 0.1.0 -> 0.1.0.0 (a local part is dropped).
    local num major minor patch build
    num=${VERSION%%[!0-9.]*}
    IFS=. read -r major minor patch build _ <<<"$num." || true
    num="${major:-0}.${minor:-0}.${patch:-0}.${build:-0}"
    [ -f "$ICONS/homeseat.ico" ] || "$PYTHON" "$ROOT/installer/make_icons.py" "$ICONS" >/dev/null
    # -INPUTCHARSET: the script holds Chinese strings; -V2: warnings and errors only.
    makensis -V2 -INPUTCHARSET UTF8 -WX \
        "-DCOMPRESSOR=${HOMESEAT_NSIS_COMPRESSOR:-/SOLID lzma}" \
        "-DVERSION=$VERSION" "-DVERSION_NUM=$num" "-DPAYLOAD=$BUNDLE" "-DOUTFILE=$exe" "-DICON=$ICONS/homeseat.ico" \
        "$ROOT/installer/windows/homeseat.nsi"
    [ -f "$exe" ] || die "makensis made no $exe"
    say "nsis: $exe ($(du -h "$exe" | cut -f1)) in $((SECONDS - start)) s"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(bundle deb nsis)
for target in "${targets[@]}"; do
    case "$target" in
    bundle) build_bundle ;;
    deb) build_deb ;;
    nsis) build_nsis ;;
    -h | --help)
        sed -n '2,17p' "$0"
        exit 0
        ;;
    *) die "unknown target '$target' (use: bundle, deb, nsis)" ;;
    esac
done
