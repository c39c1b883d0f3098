"""The customer chat page in a real browser (Debian's headless Chromium via chromedriver).

The hub serves the page over HTTPS; Chromium plays the customer while a real PlatformSession with
the chat client answers as the agent. Selenium is synchronous, so every browser call runs in a
worker thread (``asyncio.to_thread``) and the hub and the session keep running on the loop.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from tests.chat_helpers import chat_agent, hub_transcript, transcript
from tests.sessions import wait_for

from homeseat.core.agent_state import AgentState
from homeseat.core.chats import ChatPhase
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer

T = TypeVar("T")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture
async def browser() -> AsyncIterator[WebDriver]:
    """A headless Chromium driven by Debian's chromedriver (no downloads)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--lang=en-US",
        "--window-size=800,900",
    ):
        options.add_argument(arg)
    # The hub's certificate comes from the tests' throwaway CA, which Chromium does not know.
    options.accept_insecure_certs = True
    driver = await asyncio.to_thread(
        webdriver.Chrome, options=options, service=Service(executable_path=CHROMEDRIVER)
    )
    try:
        yield driver
    finally:
        await asyncio.to_thread(driver.quit)


async def _run(fn: Callable[..., T], *args: Any) -> T:
    return await asyncio.to_thread(fn, *args)


async def _lines(driver: WebDriver) -> list[tuple[str, str, str]]:
    """What the customer sees: (sender class, seq, text) of every shown line, pending included."""

    def read() -> list[tuple[str, str, str]]:
        script = (
            "return Array.from(document.querySelectorAll('#lines li:not(.system)'))"
            ".map(li => [li.className, li.dataset.seq || '', li.textContent]);"
        )
        rows: list[list[str]] = driver.execute_script(script)
        return [(r[0], r[1], r[2]) for r in rows]

    return await _run(read)


async def _type_and_send(driver: WebDriver, text: str) -> None:
    def act() -> None:
        box = driver.find_element(By.ID, "text")
        box.send_keys(text)
        driver.find_element(By.ID, "send").click()

    await _run(act)


async def _browser_wait(driver: WebDriver, predicate: Callable[[], Any], what: str) -> None:
    async def check() -> bool:
        return bool(await _run(predicate))

    await wait_for(check, 15, what)


async def test_a_browser_customer_chats_with_an_agent_session(
    hub: HubServer, certs: DevCerts, browser: WebDriver
) -> None:
    session, _rec, client = await chat_agent(hub, certs, "agent1")
    try:
        page = hub.url.replace("wss://", "https://") + "/chat/"
        await _run(browser.get, page)
        assert await _run(lambda: browser.title) == "Customer service chat"

        def start() -> None:
            browser.find_element(By.ID, "name").send_keys("Wu Mei 13912345678")
            browser.find_element(By.ID, "topic").send_keys("my bill")
            browser.find_element(By.ID, "start").click()

        await _run(start)
        # The agent is offered the chat with the customer's name and topic, and accepts.
        await wait_for(lambda: bool(client.book.conversations(ChatPhase.OFFERED)), 15, "offer")
        offer = client.book.conversations(ChatPhase.OFFERED)[0]
        assert (offer.customer, offer.topic) == ("Wu Mei 13912345678", "my bill")
        chat_id = offer.chat_id
        client.accept(chat_id)

        def status() -> str:
            return str(browser.find_element(By.ID, "status").get_attribute("data-status"))

        await _browser_wait(browser, lambda: status() == "connected", "page shows the agent")
        assert session.info is not None
        shown = await _run(lambda: browser.find_element(By.ID, "status").text)
        assert shown == f"Chatting with {session.info.display_name}"
        system = await _run(
            lambda: [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#lines li.system")]
        )
        assert system == [f"{session.info.display_name} joined the chat"]

        # Customer → agent, with the typing indicator first.
        await _run(lambda: browser.find_element(By.ID, "text").send_keys("Hel"))
        await wait_for(lambda: client.book.require(chat_id).customer_typing, 10, "typing seen")
        await _run(lambda: browser.find_element(By.ID, "text").clear())
        await _type_and_send(browser, "Hello, my bill is wrong")
        await wait_for(lambda: len(client.book.require(chat_id).lines) == 1, 10, "agent gets it")

        # Agent → customer, with the agent's typing indicator first.
        client.set_typing(chat_id, True)
        await _browser_wait(
            browser,
            lambda: browser.find_element(By.ID, "typing").is_displayed(),
            "page shows the agent typing",
        )
        client.send_text(chat_id, "Sorry to hear that, let me check.")
        await _browser_wait(
            browser,
            lambda: len(browser.find_elements(By.CSS_SELECTOR, "#lines li.agent")) == 1,
            "answer shown",
        )
        assert not await _run(lambda: browser.find_element(By.ID, "typing").is_displayed())

        # A dropped link on the page while both sides write: the page reconnects, resumes and
        # resends; the agent's line written meanwhile arrives once.
        await _run(lambda: browser.execute_script("window.homeseatChat.dropLink()"))
        await _type_and_send(browser, "Are you there?")
        client.send_text(chat_id, "Yes, one moment please.")
        await _type_and_send(browser, "Thanks")

        expected = [
            ("customer", "Hello, my bill is wrong"),
            ("agent", "Sorry to hear that, let me check."),
        ]

        def complete() -> bool:
            return (
                len(client.book.require(chat_id).lines) == 5
                and not client.book.require(chat_id).pending
            )

        await wait_for(complete, 15, "agent transcript complete")

        async def page_done() -> bool:
            rows = await _lines(browser)
            return len(rows) == 5 and all(seq for _c, seq, _t in rows)

        await wait_for(page_done, 15, "page transcript complete")
        agent_side = transcript(client, chat_id)
        assert agent_side == hub_transcript(hub, chat_id)
        page_side = [(c.split()[0], int(seq), text) for c, seq, text in await _lines(browser)]
        assert [(s, t) for s, _q, t in page_side] == [(s, t) for _q, s, t in agent_side]
        assert [q for _s, q, _t in page_side] == [1, 2, 3, 4, 5]
        assert [(s, t) for _q, s, t in agent_side][:2] == expected
        customer_lines = [t for _q, s, t in agent_side if s == "customer"]
        assert customer_lines == ["Hello, my bill is wrong", "Are you there?", "Thanks"]

        # Reloading the page resumes the same conversation and shows the whole transcript.
        await _run(browser.refresh)
        await wait_for(page_done, 15, "reloaded page shows the transcript")
        reloaded = [(c.split()[0], int(seq), text) for c, seq, text in await _lines(browser)]
        assert reloaded == page_side

        # The customer ends the chat: the agent sees why, the chat frees the agent.
        await _run(lambda: browser.find_element(By.ID, "leave").click())
        await _browser_wait(browser, lambda: status() == "ended", "page shows the end")
        await wait_for(
            lambda: client.book.require(chat_id).phase is ChatPhase.CLOSED, 10, "agent sees end"
        )
        assert client.book.require(chat_id).end_reason == "customer_left"
        assert session.machine.status.state is AgentState.READY
    finally:
        await session.close()


async def test_the_page_is_served_with_a_strict_policy_and_speaks_chinese(
    hub: HubServer, browser: WebDriver
) -> None:
    base = hub.url.replace("wss://", "https://")
    script = (
        "const r = await fetch(arguments[0]); "
        "const h = r.headers; "
        "return [r.status, h.get('content-type'), h.get('content-security-policy')];"
    )
    await _run(browser.get, base + "/chat/")
    status, kind, csp = await _run(
        lambda: browser.execute_script(
            "return (async () => { " + script + " })();", base + "/chat/chat.js"
        )
    )
    assert status == 200
    assert kind == "text/javascript; charset=utf-8"
    assert "script-src 'self'" in csp
    # The page follows the browser's language: switch it and reload.
    await _run(lambda: browser.execute_cdp_cmd("Emulation.setLocaleOverride", {"locale": "zh-CN"}))
    await _run(
        lambda: browser.execute_cdp_cmd(
            "Network.setUserAgentOverride",
            {"userAgent": "Mozilla/5.0", "acceptLanguage": "zh-CN", "platform": "Linux"},
        )
    )
    await _run(browser.get, base + "/chat/?team=alpha")
    assert await _run(lambda: browser.find_element(By.ID, "start").text) == "开始咨询"
