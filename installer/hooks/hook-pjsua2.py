"""pjsua2 (the ``pjsua2-python`` wheel).

Its ``__init__`` imports the SWIG module lazily (``import_module(".pjsua2", __name__)`` on
first attribute access), which the import scan cannot see: hidden imports. It also loads its
OpenSSL (``libcrypto``) by globbing ``<site-packages>/pjsua2_python.libs`` with ctypes, so the
auditwheel-vendored libraries are collected into that same relative folder of the bundle.
"""

from pathlib import Path

from PyInstaller.utils.hooks import collect_dynamic_libs, copy_metadata, get_package_paths

hiddenimports = ["pjsua2.pjsua2", "pjsua2._pjsua2", "pjsua2._version"]
binaries = collect_dynamic_libs("pjsua2")
datas = copy_metadata("pjsua2-python")

_site, _pkg = get_package_paths("pjsua2")
for _libs in (Path(_site) / "pjsua2_python.libs", Path(_site) / "pjsua2_python" / ".dylibs"):
    if _libs.is_dir():
        binaries += [
            (str(lib), _libs.relative_to(_site).as_posix())
            for lib in sorted(_libs.iterdir())
            if lib.is_file()
        ]
