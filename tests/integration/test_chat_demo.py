"""The demo's scripted customers and chatting robots against the real hub."""

from __future__ import annotations

import asyncio
import random

from tests.sessions import wait_for

from homeseat.config.model import HubSettings
from homeseat.core.codes import DEFAULT_REASON_CODES, DEFAULT_WRAP_UP_CODES
from homeseat.demo_customers import SCRIPTS, CustomerCrowd, DemoCustomer
from homeseat.demo_robots import Robot
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD


async def test_a_scripted_customer_is_served_by_a_robot(hub: HubServer, certs: DevCerts) -> None:
    settings = HubSettings(url=hub.url, ca_file=certs.ca_file, reconnect_max_seconds=0.5)
    robot = Robot(
        "agent2",
        DEMO_PASSWORD,
        settings,
        reason_codes=DEFAULT_REASON_CODES,
        wrap_up_codes=DEFAULT_WRAP_UP_CODES,
        rng=random.Random(4),
        pace=0.05,
    )
    script = SCRIPTS[0]
    customer = DemoCustomer(hub.url, certs.ca_file, script, random.Random(1), pace=0.05)
    crowd = CustomerCrowd(hub.url, certs.ca_file, random.Random(2), every=0.2, at_once=2, pace=0.05)
    try:
        await robot.start()
        await asyncio.wait_for(customer.run(), 30)
        # The customer was served: every scripted line was answered, and the robot closed the
        # chat with a wrap-up code once the customer left.
        assert customer.connected_to is not None
        chat_id = customer.lines[0].chat_id
        stored_lines = hub.chat.store.lines(chat_id)
        said = [line.text for line in stored_lines if line.sender == "customer"]
        assert said == list(script.lines)
        answers = [line for line in customer.lines if line.sender == "agent"]
        assert len(answers) >= len(script.lines)

        def wrapped_up() -> bool:
            stored = hub.chat.store.chat(chat_id)
            return stored is not None and stored.wrap_up_code is not None

        await wait_for(wrapped_up, 10, "wrap-up code from the robot")
        stored = hub.chat.store.chat(chat_id)
        assert stored is not None
        assert stored.end_reason == "customer_left"
        # A crowd keeps customers coming.
        crowd.start()
        await wait_for(lambda: crowd.started >= 3, 10, "three customers sent")
    finally:
        await crowd.stop()
        await robot.stop()
