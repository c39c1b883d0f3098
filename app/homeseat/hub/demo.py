"""Demo accounts for the hub: two teams with leads and agents. DEMO ONLY.

Every demo account has the password :data:`DEMO_PASSWORD`, which is published here: never seed a
hub that real people use. Plain blocking code (argon2 hashing); call it from the thread that owns
the storage, before the hub starts or from the CLI.
"""

from __future__ import annotations

from argon2 import PasswordHasher

from homeseat.hub.auth import hash_password
from homeseat.hub.storage import Role, Storage, User

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "seed_demo"]

#: The password of every demo account (demo and tests only).
DEMO_PASSWORD = "demo1234"

#: (username, display name, role, team) of the demo accounts.
DEMO_USERS: tuple[tuple[str, str, Role, str], ...] = (
    ("lead1", "王组长", "lead", "alpha"),
    ("agent1", "张伟", "agent", "alpha"),
    ("agent2", "李娜", "agent", "alpha"),
    ("agent3", "王芳", "agent", "alpha"),
    ("agent4", "刘洋", "agent", "alpha"),
    ("agent5", "陈静", "agent", "alpha"),
    ("agent6", "杨磊", "agent", "alpha"),
    ("agent7", "赵敏", "agent", "alpha"),
    ("agent8", "黄丽", "agent", "alpha"),
    ("lead2", "周组长", "lead", "beta"),
    ("agent9", "吴强", "agent", "beta"),
    ("agent10", "孙悦", "agent", "beta"),
)


def seed_demo(
    storage: Storage, *, password: str = DEMO_PASSWORD, hasher: PasswordHasher | None = None
) -> list[User]:
    """Create the demo accounts that do not exist yet (idempotent).

    Args:
        storage: the hub database.
        password: password of every created account.
        hasher: argon2 parameters.

    Returns:
        The demo accounts, created or already there, in :data:`DEMO_USERS` order.
    """
    users: list[User] = []
    for username, display_name, role, team in DEMO_USERS:
        user = storage.user(username)
        if user is None:
            user = storage.add_user(
                username,
                display_name=display_name,
                password_hash=hash_password(password, hasher),
                role=role,
                team=team,
                actor="seed_demo",
            )
        users.append(user)
    return users
