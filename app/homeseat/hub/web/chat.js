// HomeSeat customer chat page: one conversation over a WebSocket to the hub (/chat/ws).
// Delivery: every line has a msg_id; lines stay "pending" until the hub's chat.ack; after a
// dropped link the page reconnects, resumes with its token and after_seq (the hub resends what
// is missing) and resends pending lines (the hub drops duplicates). Lines show in seq order.
"use strict";
(function () {
  const zh = (navigator.language || "").toLowerCase().startsWith("zh");
  const T = zh ? {
    title: "在线客服", name: "您的称呼", topic: "请问有什么可以帮您?", start: "开始咨询", send: "发送",
    leave: "结束咨询", queued: "排队中, 前面还有 {n} 位", connected: "{a} 为您服务", ended: "咨询已结束",
    offline: "连接中断, 正在重连…", typing: "客服正在输入…", joined: "{a} 已接入",
  } : {
    title: "Customer service chat", name: "Your name", topic: "How can we help?", start: "Start chat",
    send: "Send", leave: "End chat", queued: "Waiting in queue (position {n})",
    connected: "Chatting with {a}", ended: "The chat has ended", offline: "Connection lost, reconnecting…",
    typing: "The agent is typing…", joined: "{a} joined the chat",
  };
  const $ = (id) => document.getElementById(id);
  const store = window.sessionStorage;
  let ws = null;
  let lastSeq = 0;  // of the lines on screen: a reloaded page asks for the whole transcript
  let token = store.getItem("hs.token");
  let pending = JSON.parse(store.getItem("hs.pending") || "[]");
  let profile = JSON.parse(store.getItem("hs.profile") || "null");
  let ended = false;
  let backoff = 250;
  let typingSent = false;
  let typingTimer = null;
  let joinedAgent = null;

  function save() {
    store.setItem("hs.pending", JSON.stringify(pending));
    if (token) store.setItem("hs.token", token);
    if (profile) store.setItem("hs.profile", JSON.stringify(profile));
  }
  function status(kind, text) { const s = $("status"); s.dataset.status = kind; s.textContent = text; }
  function newId() {
    const b = new Uint8Array(12); crypto.getRandomValues(b);
    return "m" + Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  }
  function addLine(cls, text, attrs) {
    const li = document.createElement("li");
    li.className = cls; li.textContent = text;
    for (const [k, v] of Object.entries(attrs || {})) li.dataset[k] = v;
    $("lines").appendChild(li); $("lines").scrollTop = $("lines").scrollHeight;
    return li;
  }
  function renderPending() {
    for (const li of document.querySelectorAll("#lines li.pending")) li.remove();
    for (const p of pending) addLine("customer pending", p.text, { msgId: p.msg_id });
  }
  function showLine(m) {
    if (m.seq <= lastSeq) return true;              // a duplicate (resent after a reconnect)
    if (m.seq !== lastSeq + 1) return false;         // a gap: resync by reconnecting
    lastSeq = m.seq;
    pending = pending.filter((p) => !(m.sender === "customer" && p.msg_id === m.msg_id));
    addLine(m.sender, m.text, { seq: String(m.seq), msgId: m.msg_id, sender: m.sender });
    renderPending(); save();
    if (m.sender === "agent") $("typing").hidden = true;
    return true;
  }
  function send(obj) { if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(obj)); }
  function connect() {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/chat/ws";
    ws = new WebSocket(url);
    ws.onopen = () => {
      backoff = 250;
      const start = { type: "customer.start", name: profile.name, topic: profile.topic, team: profile.team };
      if (token) { start.resume = token; start.after_seq = lastSeq; }
      send(start);
    };
    ws.onmessage = (ev) => {
      const m = JSON.parse(ev.data);
      if (m.type === "customer.welcome") {
        token = m.resume_token; save();
        for (const p of pending) send({ type: "customer.send", msg_id: p.msg_id, text: p.text });
      } else if (m.type === "chat.message") {
        if (!showLine(m)) ws.close();
      } else if (m.type === "chat.ack") {
        const p = pending.find((x) => x.msg_id === m.msg_id);
        if (p && !showLine({ seq: m.seq, msg_id: m.msg_id, sender: "customer", text: p.text })) ws.close();
      } else if (m.type === "chat.typing") {
        $("typing").textContent = T.typing; $("typing").hidden = !m.typing;
      } else if (m.type === "customer.status") {
        if (m.status === "queued") status("queued", T.queued.replace("{n}", m.position || 1));
        else if (m.status === "connected") {
          if (m.agent !== joinedAgent) {   // a new agent (first, or after a transfer), not a reconnect
            joinedAgent = m.agent;
            addLine("system", T.joined.replace("{a}", m.agent || ""));
          }
          status("connected", T.connected.replace("{a}", m.agent || ""));
        }
        else { ended = true; status("ended", T.ended); $("text").disabled = true; $("send").disabled = true; }
      } else if (m.type === "chat.ended") {
        ended = true;
      } else if (m.type === "error") {
        console.warn("hub refused:", m.code, m.message);
      }
    };
    ws.onclose = () => {
      if (ended) return;
      status("offline", T.offline);
      setTimeout(connect, backoff); backoff = Math.min(backoff * 2, 4000);
    };
  }
  function setTyping(on) {
    if (on !== typingSent) { typingSent = on; send({ type: "customer.typing", typing: on }); }
  }
  function begin() {
    $("start-form").hidden = true; $("chat").hidden = false; renderPending(); connect();
  }
  window.addEventListener("DOMContentLoaded", () => {
    document.documentElement.lang = zh ? "zh-CN" : "en";
    document.title = T.title; $("title").textContent = T.title;
    $("name-label").textContent = T.name; $("topic-label").textContent = T.topic;
    $("start").textContent = T.start; $("send").textContent = T.send; $("leave").textContent = T.leave;
    const params = new URLSearchParams(location.search);
    $("start-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      profile = { name: $("name").value.trim() || "-", topic: $("topic").value.trim(),
                  team: params.get("team") || "alpha" };
      save(); begin();
    });
    $("send-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const text = $("text").value.trim();
      if (!text || ended) return;
      const p = { msg_id: newId(), text };
      pending.push(p); save(); renderPending();
      send({ type: "customer.send", msg_id: p.msg_id, text });
      $("text").value = ""; setTyping(false);
    });
    $("text").addEventListener("input", () => {
      setTyping($("text").value.length > 0);
      clearTimeout(typingTimer); typingTimer = setTimeout(() => setTyping(false), 4000);
    });
    $("leave").addEventListener("click", () => { send({ type: "customer.leave" }); });
    if (profile && token) begin();     // a reload resumes the same conversation
  });
  // For tests and operators: drop the link on purpose (the page must recover by itself).
  window.homeseatChat = { dropLink: () => ws && ws.close(), state: () => ({ lastSeq, pending: pending.length, token: !!token }) };
})();
