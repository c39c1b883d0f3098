"""``homeseat-hub`` as an operator runs it: real subprocesses on a temporary database."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import HubFactory, login, new_client_id, recv, send, ws_client

from homeseat.devcerts import DevCerts
from homeseat.hub import Storage
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.protocol import AuthError, Login

HUB = str(Path(sys.executable).with_name("homeseat-hub"))


def _hub(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [HUB, *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """An empty hub database path."""
    return tmp_path / "cli.sqlite3"


def test_user_add_list_disable_and_lead_team(db: Path) -> None:
    d = ("--db", str(db))
    added = _hub(
        "user", "add", "carol", "--role", "agent", "--team", "gamma",
        "--display-name", "Carol 卡罗", "--password-stdin", *d, stdin="secret-pass\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "added agent carol" in added.stdout
    assert "secret-pass" not in added.stdout + added.stderr
    again = _hub("user", "add", "CAROL", "--role", "agent", "--team", "x", "--password-stdin",
                 *d, stdin="secret-pass\n")  # fmt: skip
    assert again.returncode == 1
    assert "already exists" in again.stderr
    lead = _hub("user", "add", "dave", "--role", "lead", "--team", "gamma", "--password-stdin",
                *d, stdin="lead-pass-1\n")  # fmt: skip
    assert lead.returncode == 0, lead.stderr
    assert _hub("user", "lead-team", "dave", "delta", *d).returncode == 0
    not_a_lead = _hub("user", "lead-team", "carol", "delta", *d)
    assert not_a_lead.returncode == 1
    assert "only leads" in not_a_lead.stderr

    listed = _hub("user", "list", "--json", *d)
    assert listed.returncode == 0, listed.stderr
    users = {u["username"]: u for u in json.loads(listed.stdout)}
    assert users["carol"]["display_name"] == "Carol 卡罗"
    assert (users["carol"]["role"], users["carol"]["team"]) == ("agent", "gamma")
    assert users["dave"]["leads"] == ["delta", "gamma"]
    assert not users["carol"]["disabled"]
    assert "password" not in listed.stdout

    disabled = _hub("user", "disable", "carol", *d)
    assert disabled.returncode == 0, disabled.stderr
    table = _hub("user", "list", *d)
    assert table.returncode == 0
    header, *rows = table.stdout.splitlines()
    assert header.split() == ["ID", "USER", "NAME", "ROLE", "TEAM", "LEADS", "STATUS"]
    carol = next(r for r in rows if " carol " in r)
    assert carol.split()[-1] == "disabled"

    storage = Storage(db)
    try:
        actions = [(e.action, e.target) for e in storage.audit_entries()]
    finally:
        storage.close()
    assert ("user.add", "carol") in actions
    assert ("user.disable", "carol") in actions
    assert ("user.lead_team", "dave") in actions


def test_cli_refusals_have_clear_messages_and_exit_codes(db: Path) -> None:
    d = ("--db", str(db))
    short = _hub("user", "add", "erin", "--role", "agent", "--team", "t", "--password-stdin",
                 *d, stdin="short\n")  # fmt: skip
    assert short.returncode == 1
    assert "at least 8 characters" in short.stderr
    bad_name = _hub("user", "add", "bad name", "--role", "agent", "--team", "t",
                    "--password-stdin", *d, stdin="long-enough\n")  # fmt: skip
    assert bad_name.returncode == 1
    assert "invalid user name" in bad_name.stderr
    unknown = _hub("user", "disable", "nobody", *d)
    assert unknown.returncode == 1
    assert "no user 'nobody'" in unknown.stderr
    no_db = subprocess.run(
        [HUB, "user", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "HOMESEAT_HUB_DB"},
    )
    assert no_db.returncode == 2
    assert "--db is required" in no_db.stderr
    role = _hub("user", "add", "frank", "--role", "boss", "--team", "t", *d)
    assert role.returncode == 2
    plain = _hub("serve", *d)
    assert plain.returncode == 2
    assert "--insecure" in plain.stderr


async def test_accounts_made_by_the_cli_sign_in_at_the_hub(
    db: Path, make_hub: HubFactory, certs: DevCerts
) -> None:
    d = ("--db", str(db))
    for name in ("gina", "hank"):
        created = await asyncio.to_thread(
            _hub, "user", "add", name, "--role", "agent", "--team", "t", "--password-stdin", *d,
            stdin="gina-and-hank\n",
        )  # fmt: skip
        assert created.returncode == 0, created.stderr
    assert (await asyncio.to_thread(_hub, "user", "disable", "hank", *d)).returncode == 0
    hub = await make_hub(db_path=db)
    async with ws_client(hub, certs) as ws:
        welcome = await login(ws, "gina", "gina-and-hank")
        assert (welcome.role, welcome.team) == ("agent", "t")
    async with ws_client(hub, certs) as ws:
        await send(ws, Login(username="hank", password="gina-and-hank", client_id=new_client_id()))
        refused = await recv(ws)
        assert isinstance(refused, AuthError)
        assert refused.code == "disabled"


async def test_serve_runs_until_sigterm(tmp_path: Path, certs: DevCerts) -> None:
    db = tmp_path / "served.sqlite3"
    seeded = await asyncio.to_thread(_hub, "seed-demo", "--db", str(db))
    assert seeded.returncode == 0, seeded.stderr
    proc = await asyncio.create_subprocess_exec(
        HUB, "serve", "--db", str(db), "--port", "0", "--cert", str(certs.cert_file),
        "--key", str(certs.key_file), "--grace", "1",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        line = (await asyncio.wait_for(proc.stdout.readline(), 20)).decode()
        assert line.startswith("homeseat-hub: listening on wss://127.0.0.1:"), line
        url = line.split()[-1]
        async with ws_client(url, certs) as ws:
            welcome = await login(ws, "lead1", DEMO_PASSWORD)
            assert welcome.display_name == "王组长"
        proc.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(proc.communicate(), 20)
        assert proc.returncode == 0, err.decode()
        assert "stopped" in out.decode()
        assert DEMO_PASSWORD not in err.decode()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
