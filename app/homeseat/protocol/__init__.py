"""Protocol v1 between client and hub: message models, codec and JSON Schema export."""

from homeseat.protocol.codec import ProtocolError, decode_client, decode_hub, encode
from homeseat.protocol.messages import *  # noqa: F403  (the message set is the public API)
from homeseat.protocol.messages import __all__ as _messages_all

__all__ = ["ProtocolError", "decode_client", "decode_hub", "encode", *_messages_all]
