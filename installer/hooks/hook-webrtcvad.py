"""webrtcvad, as shipped by the ``webrtcvad-wheels`` distribution.

The contrib hook copies the metadata of a distribution named ``webrtcvad``; with
``webrtcvad-wheels`` installed that name does not exist and the build fails. The module reads
its version from ``webrtcvad-wheels`` metadata at import, so that is what must be bundled.
Hooks on ``hookspath`` take precedence over the contrib ones.
"""

from importlib.metadata import PackageNotFoundError, distribution

from PyInstaller.utils.hooks import copy_metadata

hiddenimports = ["_webrtcvad"]
datas = []
for _name in ("webrtcvad-wheels", "webrtcvad"):
    try:
        distribution(_name)
    except PackageNotFoundError:
        continue
    datas = copy_metadata(_name)
    break
