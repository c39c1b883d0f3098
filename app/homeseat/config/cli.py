"""``homeseat config …``: validate, schema, show, sign, keygen, docs — for IT and for support.

Exit codes: 0 success, 1 the file has problems (or a check failed), 2 usage or I/O error. Runs on
the calling thread; no event loop. Private keys and passphrases never go through argv: the
passphrase is read from the environment variable named by ``--passphrase-env``.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from gettext import gettext as _
from pathlib import Path
from typing import Any, TextIO

from homeseat.config.docs import document_is_current, update_document
from homeseat.config.documents import (
    MAX_DOCUMENT_BYTES,
    DocumentError,
    parse_policy,
    parse_public_key,
    parse_user_settings,
)
from homeseat.config.keys import settings_keys
from homeseat.config.layers import Layer, LayerValues, merge
from homeseat.config.paths import ConfigPaths, write_atomic
from homeseat.config.schema import policy_schema, settings_schema, user_settings_schema
from homeseat.config.service import ConfigService
from homeseat.config.signing import (
    ENVELOPE_FORMAT,
    PushRefused,
    generate_private_key,
    load_private_key,
    parse_envelope,
    private_key_pem,
    public_key_text,
    sign_policy,
    verify_push,
)
from homeseat.config.validation import Problem, render_value

__all__ = ["main", "build_parser", "check_file"]


def build_parser() -> argparse.ArgumentParser:
    """The ``homeseat config`` argument parser."""
    parser = argparse.ArgumentParser(prog="homeseat config", description=_("Managed configuration"))
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help=_("check a policy, signed policy or settings file"))
    p.add_argument("file", type=Path)
    p.add_argument("--kind", choices=("auto", "policy", "signed", "settings"), default="auto")
    p.add_argument("--pin", help=_("public key a signed policy must be signed with (base64)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))

    p = sub.add_parser("schema", help=_("print the JSON Schema (2020-12)"))
    p.add_argument("--of", choices=("policy", "settings", "user"), default="policy")

    p = sub.add_parser("show", help=_("print the effective settings and where each comes from"))
    p.add_argument("--json", action="store_true")
    _path_options(p)

    p = sub.add_parser("sign", help=_("sign a policy file for pushing through the hub"))
    p.add_argument("file", type=Path)
    p.add_argument("--key", type=Path, required=True, help=_("Ed25519 private key (PEM)"))
    p.add_argument("-o", "--output", type=Path, help=_("default: FILE.signed.json"))
    p.add_argument("--passphrase-env", metavar="VAR", help=_("variable holding the passphrase"))

    p = sub.add_parser("keygen", help=_("create an Ed25519 signing key pair"))
    p.add_argument("--out", type=Path, required=True, help=_("private key file to write (PEM)"))
    p.add_argument("--passphrase-env", metavar="VAR", help=_("encrypt with this variable's value"))
    p.add_argument("--force", action="store_true", help=_("overwrite an existing key file"))

    p = sub.add_parser("docs", help=_("regenerate or check the key reference in docs/config.md"))
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, metavar="FILE")
    group.add_argument("--check", type=Path, metavar="FILE")
    return parser


def _path_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--policy", type=Path, help=_("managed policy file (default: the OS location)"))
    p.add_argument("--settings", type=Path, help=_("user settings file"))
    p.add_argument("--state-dir", type=Path, help=_("folder of the accepted hub push"))


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run ``homeseat config`` with ``argv`` (words after ``config``); returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage
        return int(exc.code) if isinstance(exc.code, int) else 2
    try:
        handler = _COMMANDS[args.command]
        return handler(args, out, err)
    except BrokenPipeError:  # output piped into `head`: nothing left to say
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(_("error: {where}{reason}").format(where=where, reason=exc.strerror), file=err)
        return 2


# ----------------------------------------------------------------------------- validate


def _read(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_DOCUMENT_BYTES * 2 + 2048)  # a signed file holds base64


def _sniff(data: bytes) -> str:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return "policy"  # parse_policy then names the precise problem
    if isinstance(doc, dict) and doc.get("format") == ENVELOPE_FORMAT:
        return "signed"
    if isinstance(doc, dict) and "settings" in doc and "serial" not in doc:
        return "settings"
    return "policy"


def check_file(
    data: bytes, kind: str = "auto", pin: str | None = None
) -> tuple[str, list[Problem], list[str]]:
    """Validate file bytes. Returns ``(kind found, problems, notes)``; no problems means valid.

    Args:
        data: the file's bytes.
        kind: "policy", "signed", "settings" or "auto" (guess from the content).
        pin: for a signed file, the public key it must be signed with (base64); without it the
            signature is checked against the key the envelope names.
    """
    notes: list[str] = []
    if kind == "auto":
        kind = _sniff(data)
    if kind == "settings":
        try:
            user = parse_user_settings(data)
        except DocumentError as exc:
            return kind, list(exc.problems), notes
        problems = list(user.problems)
        problems += merge([LayerValues(Layer.USER, "/settings", user.values)]).problems
        return kind, problems, notes
    if kind == "signed":
        try:
            signed = parse_envelope(data)
            pinned = parse_public_key(pin) if pin else signed.key
            # Expiry is reported below as a problem of the policy, so check at the dawn of time.
            verify_push(signed, pinned, highest_serial=None, now=datetime.min.replace(tzinfo=UTC))
        except PushRefused as exc:
            return kind, [Problem("", exc.reason.value, exc.message)], notes
        except ValueError as exc:
            return kind, [Problem("", "base64 Ed25519 public key", f"bad --pin: {exc}")], notes
        assert pinned is not None
        note = (
            _("signature verifies with key {key}")
            if pin
            else _("signature verifies with the key the file names ({key}); pass --pin to check it")
        )
        notes.append(note.format(key=base64.b64encode(pinned).decode("ascii")))
        data = signed.policy
    try:
        policy = parse_policy(data)
    except DocumentError as exc:
        return kind, list(exc.problems), notes
    problems = list(policy.problems)
    layers = [
        LayerValues(Layer.MANAGED, "/defaults", policy.defaults),
        LayerValues(Layer.LOCKED, "/locked", policy.locked),
    ]
    problems += [
        Problem(f"{p.origin}{p.pointer}", p.rule, p.message)
        for p in merge(layers, policy.lock_reasons).problems
    ]
    if policy.expired(datetime.now(UTC)):
        assert policy.expires is not None
        problems.append(
            Problem(
                "/expires",
                "a future date-time",
                f"expired at {policy.expires.isoformat()}",
                render_value(policy.expires.isoformat()),
            )
        )
    notes.append(
        _("serial {serial}: {d} default keys, {n} locked keys").format(
            serial=policy.serial, d=len(policy.defaults), n=len(policy.lock_reasons)
        )
    )
    return kind, problems, notes


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    path: Path = args.file
    kind, problems, notes = check_file(_read(path), args.kind, args.pin)
    if args.json:
        json.dump(
            {
                "file": str(path),
                "kind": kind,
                "valid": not problems,
                "notes": notes,
                "problems": [p.to_dict() for p in problems],
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    else:
        for problem in problems:
            print(f"{path}:{problem.format()}", file=out)
        for note in notes:
            print(f"{path}: {note}", file=out)
        if problems:
            print(_("{path}: {n} problem(s)").format(path=path, n=len(problems)), file=err)
        else:
            print(_("{path}: valid {kind} file").format(path=path, kind=kind), file=out)
    return 1 if problems else 0


# ----------------------------------------------------------------------------- schema / show


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    schema = {"policy": policy_schema, "settings": settings_schema, "user": user_settings_schema}[
        args.of
    ]()
    json.dump(schema, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0


def _paths(args: argparse.Namespace) -> ConfigPaths:
    base = ConfigPaths.default()
    return ConfigPaths(
        managed=args.policy or base.managed,
        user=args.settings or base.user,
        state_dir=args.state_dir or base.state_dir,
    )


def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    service = ConfigService(_paths(args))
    effective = service.load()
    status = service.status()
    keys = settings_keys()
    if args.json:
        body: dict[str, Any] = {
            pointer: {
                "value": effective.values[pointer],
                "source": effective.sources[pointer].to_dict(),
                "locked": effective.locked.get(pointer),
                "applies": "live" if keys[pointer].live else "restart",
            }
            for pointer in keys
        }
        json.dump({"settings": body, "status": status.to_dict()}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        width = max(len(p) for p in keys)
        for pointer in keys:
            source = effective.sources[pointer]
            where = (
                source.layer.value
                if source.layer is Layer.BUILTIN
                else (
                    f"{source.layer.value} ({source.origin}"
                    + (f", serial {source.serial})" if source.serial is not None else ")")
                )
            )
            lock = effective.locked.get(pointer)
            lock_text = "  [" + _("locked: {reason}").format(reason=lock) + "]" if lock else ""
            value = render_value(effective.values[pointer])
            print(f"{pointer:<{width}}  {value}  <- {where}{lock_text}", file=out)
        for doc in status.documents:
            for problem in doc.problems:
                print(f"{doc.origin}:{problem.format()}", file=err)
            if doc.state.value not in ("ok", "missing"):
                print(
                    _("{origin}: {state}").format(origin=doc.origin, state=doc.state.value),
                    file=err,
                )
        for problem in status.conflicts:
            print(f"{problem.origin}:{problem.format()}", file=err)
    return 0 if status.healthy else 1


# ----------------------------------------------------------------------------- keys


def _passphrase(var: str | None, err: TextIO) -> bytes | None:
    if var is None:
        return None
    value = os.environ.get(var)
    if not value:
        raise SystemExit(_("environment variable {var} is empty or unset").format(var=var))
    return value.encode("utf-8")


def _keygen(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    path: Path = args.out
    if path.exists() and not args.force:
        print(_("{path} exists; use --force to overwrite").format(path=path), file=err)
        return 2
    try:
        passphrase = _passphrase(args.passphrase_env, err)
    except SystemExit as exc:
        print(exc, file=err)
        return 2
    key = generate_private_key()
    write_atomic(path, private_key_pem(key, passphrase))
    os.chmod(path, 0o600)  # the private key is readable by its owner only
    public = public_key_text(key)
    print(
        _("private key written to {path} (keep it offline; never copy it to clients)").format(
            path=path
        ),
        file=err,
    )
    print(_("put this in the managed policy file:"), file=err)
    print(json.dumps({"signing_key": public}), file=out)
    return 0


def _sign(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    path: Path = args.file
    data = _read(path)
    _kind, problems, _notes = check_file(data, "policy")
    if problems:
        for problem in problems:
            print(f"{path}:{problem.format()}", file=err)
        print(_("{path}: not signed, fix the problems first").format(path=path), file=err)
        return 1
    try:
        key = load_private_key(args.key.read_bytes(), _passphrase(args.passphrase_env, err))
    except (ValueError, SystemExit) as exc:
        print(_("cannot load the key {path}: {reason}").format(path=args.key, reason=exc), file=err)
        return 2
    signed = sign_policy(data, key)
    target: Path = args.output or path.with_name(path.name + ".signed.json")
    write_atomic(target, signed.to_bytes())
    print(
        _("signed {path} → {target} (key {key})").format(
            path=path, target=target, key=public_key_text(key)
        ),
        file=out,
    )
    return 0


def _docs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.write is not None:
        changed = update_document(args.write)
        print(
            _("{path}: {what}").format(
                path=args.write, what=_("updated") if changed else _("up to date")
            ),
            file=out,
        )
        return 0
    if document_is_current(args.check):
        return 0
    print(
        _("{path} is out of date: run homeseat config docs --write {path}").format(path=args.check),
        file=err,
    )
    return 1


_COMMANDS = {
    "validate": _validate,
    "schema": _schema,
    "show": _show,
    "sign": _sign,
    "keygen": _keygen,
    "docs": _docs,
}


if __name__ == "__main__":
    raise SystemExit(main())
