"""homeseat: every sub-module (sub-commands import theirs on demand), its data and resources.

``homeseat.paths.resources_dir`` looks for ``homeseat/resources`` next to the package, which is
where the bundle puts the repository's ``resources/`` folder.
"""

from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

hiddenimports = collect_submodules("homeseat")
# Files inside the package itself (the hub's chat web page, py.typed), then the metadata.
datas = collect_data_files("homeseat") + copy_metadata("homeseat")

_root = Path(__file__).resolve().parents[2]
_resources = _root / "resources"
if _resources.is_dir():
    for _path in sorted(_resources.rglob("*")):
        if _path.is_file() and "__pycache__" not in _path.parts:
            _dest = Path("homeseat") / "resources" / _path.parent.relative_to(_resources)
            datas.append((str(_path), _dest.as_posix()))
