"""The hub: HomeSeat's reference central platform (websockets server + SQLite).

Start it with :class:`HubServer` on an asyncio loop, or from the command line with
``homeseat-hub serve``. It never imports the client (Qt, SIP, audio).
"""

from homeseat.hub.config import MEMORY_DB, HubConfig
from homeseat.hub.server import HubServer
from homeseat.hub.storage import Storage

__all__ = ["MEMORY_DB", "HubConfig", "HubServer", "Storage"]
