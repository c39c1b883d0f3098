"""Managed configuration: one typed model, layered files, signed hub pushes, a status for IT.

Modules: ``model`` (ClientSettings), ``keys`` (every key by JSON pointer), ``validation`` and
``documents`` (reading files, precise problems), ``layers`` (the merge and the source of each key),
``signing`` (Ed25519 pushes), ``watcher`` (polling), ``service`` (ConfigService, the one object
the app holds), ``status`` (what is reported to the hub), ``schema``/``docs`` (JSON Schema and
docs/config.md) and ``cli`` (``homeseat config …``). Nothing here imports Qt widgets.
"""

__all__: list[str] = []
