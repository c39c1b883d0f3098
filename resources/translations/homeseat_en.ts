<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Type your message (up to 500 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is too long (%1 of 500 characters).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentDetailDialog</name>
    <message>
        <source>Today: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – today&apos;s states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the latest changes of the day are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since midnight, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calls today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>Alert</name>
    <message>
        <source>Asks for help</source>
        <extracomment>Row tint of an agent with a loud (not acknowledged) alert, and the text colour of alerts. Faint tint that keeps an acknowledged alert findable without shouting.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not Ready too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poor line quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio check failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertStrip</name>
    <message numerus="yes">
        <source>%n alert(s) need a look</source>
        <extracomment>At most this many alerts are listed (the count says how many there are). The lead clicked an alert: select this agent (user id) in the table.</extracomment>
        <translation>
            <numerusform>%n alert needs a look</numerusform>
            <numerusform>%n alerts need a look</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet the selected alerts until their condition clears and comes back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudioCheck</name>
    <message>
        <source>Ready: your audio is good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usable, but see the advice below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not ready: fix the problem below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signal from the microphone. Plug the headset in and choose it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone is silent. Check the mute switch on the headset cable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No speech was heard. Record again and read the sentence aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your voice is quiet. Move the microphone closer to your mouth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your voice distorts. Lower the microphone level in the system settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room is noisy. Suppression helps, but close a window or move away from the TV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test tone was not heard. Check the headset and the volume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the test tone and say whether you heard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is too slow for the best noise suppression; a lighter one is used.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudioCheckDialog</name>
    <message>
        <source>Recording… read the sentence aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen to yourself, then play the test tone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check could not run: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Background noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:.0f} dBFS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After suppression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:.0f} dBFS ({1:.0f} dB quieter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:.0f} dBFS, {1:.1f} s of speech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise suppression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, {1:.0f} ms delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not heard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not tested yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before your shift: record five seconds, listen to how the customer hears you, and test your headset. Your team lead sees the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Thank you for calling, my name is … How can I help you today?”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record 5 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play as recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play as the customer hears it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play test tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I heard it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I did not hear it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put your headset on, then press Record.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudioCheckFeature</name>
    <message>
        <source>Audio check…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudioPage</name>
    <message>
        <source>Check your headset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put your headset on. You can repeat this check at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can go on without a good result; your team lead sees the verdict.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardView</name>
    <message>
        <source>(this card has no script)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short script (surge)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show short script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show full script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert into chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the script into the chat input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the script to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Was this card helpful?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
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
    <name>ChatArea</name>
    <message>
        <source>New chat: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chats: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations. New chats appear here while you are Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (ended)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>The customer is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer left the chat. Choose a wrap-up code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This chat has ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a reply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick replies…</source>
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
    <name>DonePage</name>
    <message>
        <source>Signed in as {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headset not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection not measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform round trip {0} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HomeSeat opens its main window now. You start as Not Ready: choose Ready when your shift begins.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Enter the platform address your IT department gave you.</source>
        <extracomment>Text and background colours of a result line, by level (same palette as the audio check).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address starts with wss:// (for example wss://hub.example.com:8765).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unencrypted ws:// addresses are not allowed. Use the wss:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address has no server name, or contains spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port number in the address is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up HomeSeat</source>
        <extracomment>The pages, in order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All set</source>
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
    <message>
        <source>Skip for now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open HomeSeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
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
    <name>HubPage</name>
    <message>
        <source>Welcome to HomeSeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Four short steps get you ready for your first shift: the platform address, sign-in, a headset check and a network check. It takes about two minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by your IT department.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by IT: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your IT department or team lead gives you this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in by your IT department; change it only if IT tells you.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Unlocking failed. Try again or sign out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts. Wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the platform. Try again, or sign out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused to unlock. Sign out and sign in again.</source>
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
    <name>KnowledgePanel</name>
    <message>
        <source>Hot topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested for this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surge level %1: short scripts first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No card matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search knowledge cards…</source>
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
    <name>LockScreen</name>
    <message>
        <source>Locked while you were away</source>
        <extracomment>The system Not Ready reason of an idle-locked agent. While serving someone the screen never locks (the agent is working, maybe only listening).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>That change is not possible in your current state.</source>
        <extracomment>Roles that see the team pane. The agent asked for the settings page (the shell opens it over the config service).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HomeSeat – %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
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
    <name>MicPanel</name>
    <message>
        <source>DeepFilterNet (best quality)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classic (light on the CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebRTC (light on the CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is too busy for {0}: switched to {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise suppression had a problem: switched to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configured noise suppression is not available here: using {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bypass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send your microphone without noise suppression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise suppression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise suppression: {0}, {1:.0f} ms delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are talking while muted: the customer cannot hear you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signal from the microphone: check that it is plugged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone is silent: is its mute switch on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your microphone is too loud and distorts: lower its level.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from the platform ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ms round trip ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no phone line is set up on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone line {0} registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone line {0} refused: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone line {0} has no saved password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the phone server did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the phone could not start: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your connection is ready for calls and chats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a cable instead of Wi-Fi if you can, and pause large downloads or video streams at home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls cannot reach you until the phone line works: call IT support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HomeSeat measures the way to the platform and signs your phone line in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>%1 set you to Not Ready (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered your raised hand: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <source>All messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeHistory</name>
    <message>
        <source>Messages from your team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages yet.</source>
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
    <name>QuickReply</name>
    <message>
        <source>Hello, thank you for contacting us. How can I help you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let me check that for you, one moment please.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could you please give me your order number?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is there anything else I can help you with?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for your patience. Have a nice day!</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RaiseHandButton</name>
    <message>
        <source>Hand raised</source>
        <extracomment>A refusal, in words (the window shows it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your team lead has been asked for help. Click to withdraw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your team lead for help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your team lead could not be reached: you are offline. Try again.</source>
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
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
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
        <source>The platform&apos;s certificate is not the one IT pinned: someone may be intercepting the connection. Your password was not sent. Contact IT support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused the sign-in (protocol error). Contact IT support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Signed in as {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the agent account your team lead or IT gave you.</source>
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
</context>
<context>
    <name>SoftphonePane</name>
    <message>
        <source>Phone error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the colleague&apos;s number, then Transfer</source>
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
    <message>
        <source>Recent calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting the phone line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone line ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone line refused the sign-in: ask IT support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone line unreachable (%1); retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by the other party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>muted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poor line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter %1 ms, loss %2 %, round trip %3 ms, codec %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not answered</source>
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
    <name>Supervision</name>
    <message>
        <source>You are not allowed to do this for this agent or team.</source>
        <extracomment>The protocol&apos;s limit for a lead&apos;s text.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This agent does not exist any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not delivered: the agent is not connected, or you are offline. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform did not answer in time. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused the request as invalid. Check what you entered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Surge</name>
    <message>
        <source>Surge level 1 – busy</source>
        <extracomment>Background and text colour per level (1 amber, 2 orange, 3 red).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surge level 2 – very busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surge level 3 – emergency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SurgeControl</name>
    <message>
        <source>Surge level: normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the surge level of team %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SurgeDialog</name>
    <message>
        <source>Surge level of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every agent of the team sees this at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to the team (optional)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamActions</name>
    <message>
        <source>Message to %1</source>
        <extracomment>The permission that lets a lead set their team&apos;s surge level (hub: ``Storage.grant``). The dialog opened last (tests drive it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sees this at once in their window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message sent to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asks for help: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer sent to %1; the raised hand is lowered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force %1 Not Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set to Not Ready with this reason (after the current contact, if any).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set to Not Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign %1 out? Their session ends now and they must sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamModel</name>
    <message>
        <source>Agent</source>
        <extracomment>Role carrying a sortable value (numbers for durations, lower-case text otherwise). Role carrying the row&apos;s loud alerts (a frozenset of AlertKind). Emitted after any change of the counters (snapshot, delta). Emitted when the set of loud alerts changed (the alert strip re-reads it).</extracomment>
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
        <source>Client version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AHT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time in the current state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls and chats the agent is on now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls and chats handled today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average handle time today (talk and wrap-up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line quality of the last call (MOS, 1-5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result of the latest audio check</source>
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
        <source>Passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
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
        <source>All teams</source>
        <extracomment>What a lead can do to one agent (``action_requested`` kinds), in menu order. The lead asked for an action (one of :data:`ACTIONS`) on an agent (user id). Where the supervision wiring puts the surge control: the right end of the card&apos;s title row (the counters need their row&apos;s width).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s timeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer raised hand…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force Not Ready…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search agents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My team (%1 of %2 signed in)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>No activity today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>Update available: HomeSeat {0} (this is {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your IT department recommends HomeSeat {0}. Install it after your shift, or ask IT. This version keeps working.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
