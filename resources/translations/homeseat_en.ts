<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgentState</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatsPane</name>
    <message>
        <source>Chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New chats appear here while you are Ready.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnowledgePane</name>
    <message>
        <source>Knowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search knowledge cards…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No suggestions yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cards that match the conversation will be suggested here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Link</name>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline – reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>That change is not possible in your current state.</source>
        <extracomment>Roles that see the team pane.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HomeSeat – %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit HomeSeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link to the platform is not encrypted (ws://). Use it only in a test lab; ask IT for a wss:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted connection (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) waiting to be sent</source>
        <translation>
            <numerusform>%n report waiting to be sent</numerusform>
            <numerusform>%n reports waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <source>All reports delivered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhonePane</name>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No SIP account configured. Ask IT support to set up your phone line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PolicyPage</name>
    <message>
        <source>Not changed: {key}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: {key} applies now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: {key} applies after restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hub push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, serial {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IT default ({where}{serial})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IT, locked ({where}{serial})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked by IT: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set through policy files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies after restart: {keys}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managed file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in force, {n} key(s) refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused, the last good version stays ({n} problem(s))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (serial {n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings and policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked by IT because</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget your value; use the IT or built-in default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>Just signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionEnded</name>
    <message>
        <source>You signed in on another computer, so this one was signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session was ended by an administrator. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were signed out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in – HomeSeat</source>
        <extracomment>``sign_in(username, password, remember)``: returns when signed in, raises SignInError.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to HomeSeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your agent user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep me signed in on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no secure password store, so you sign in each time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many attempts. Try again in %n second.</numerusform>
            <numerusform>Too many attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed because of an unexpected error. Contact IT support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInError</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts. Wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is disabled. Contact your team lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your saved sign-in is no longer valid. Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the platform. Check your network connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform&apos;s security certificate could not be verified. Contact IT support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused the sign-in (protocol error). Contact IT support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StateBar</name>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time in state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a wrap-up code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change your state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: Not Ready · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You will be Not Ready when this interaction and its wrap-up end.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StateMenu</name>
    <message>
        <source>Stay Ready after this interaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not Ready after this interaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show HomeSeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamModel</name>
    <message>
        <source>Agent</source>
        <extracomment>Role carrying a sortable value (numbers for durations, lower-case text otherwise). Emitted after any change of the counters (snapshot, delta).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time in state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last known state: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamPane</name>
    <message>
        <source>Filter agents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My team (%1 of %2 signed in)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
