<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Type your message (up to 500 characters)</source>
        <translation>输入消息（最多 500 字）</translation>
    </message>
    <message>
        <source>The message is too long (%1 of 500 characters).</source>
        <translation>消息过长（%1/500 字）。</translation>
    </message>
</context>
<context>
    <name>AgentDetailDialog</name>
    <message>
        <source>Today: %1</source>
        <translation>今日：%1</translation>
    </message>
    <message>
        <source>%1 – today&apos;s states</source>
        <translation>%1 – 今日状态</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>最近通话</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <source>Only the latest changes of the day are shown.</source>
        <translation>仅显示今天最近的状态变化。</translation>
    </message>
    <message>
        <source>Since midnight, %1</source>
        <translation>%1 零点起</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>呼出</translation>
    </message>
    <message>
        <source>No calls today</source>
        <translation>今日暂无通话</translation>
    </message>
</context>
<context>
    <name>AgentState</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Not Ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>Chat offered</source>
        <translation>会话待接入</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <source>On a call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>In a chat</source>
        <translation>会话中</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>服务中</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已签出</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>已断线</translation>
    </message>
</context>
<context>
    <name>Alert</name>
    <message>
        <source>Asks for help</source>
        <extracomment>Row tint of an agent with a loud (not acknowledged) alert, and the text colour of alerts. Faint tint that keeps an acknowledged alert findable without shouting.</extracomment>
        <translation>请求帮助</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>已断线</translation>
    </message>
    <message>
        <source>Wrap-up too long</source>
        <translation>话后处理超时</translation>
    </message>
    <message>
        <source>Break too long</source>
        <translation>休息超时</translation>
    </message>
    <message>
        <source>Not Ready too long</source>
        <translation>未就绪超时</translation>
    </message>
    <message>
        <source>Poor line quality</source>
        <translation>线路质量差</translation>
    </message>
    <message>
        <source>Audio check failed</source>
        <translation>音频检测未通过</translation>
    </message>
</context>
<context>
    <name>AlertStrip</name>
    <message numerus="yes">
        <source>%n alert(s) need a look</source>
        <extracomment>At most this many alerts are listed (the count says how many there are). The lead clicked an alert: select this agent (user id) in the table.</extracomment>
        <translation>
            <numerusform>%n 条告警待处理</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>知悉</translation>
    </message>
    <message>
        <source>Quiet the selected alerts until their condition clears and comes back</source>
        <translation>选中的告警静音，直到情况解除后再次出现</translation>
    </message>
    <message>
        <source>Acknowledge all</source>
        <translation>全部知悉</translation>
    </message>
</context>
<context>
    <name>AudioCheck</name>
    <message>
        <source>Ready: your audio is good</source>
        <translation>就绪：您的音频良好</translation>
    </message>
    <message>
        <source>Usable, but see the advice below</source>
        <translation>可以使用，但请看下面的建议</translation>
    </message>
    <message>
        <source>Not ready: fix the problem below</source>
        <translation>未就绪：请先解决下面的问题</translation>
    </message>
    <message>
        <source>No signal from the microphone. Plug the headset in and choose it.</source>
        <translation>麦克风没有信号。请插好耳麦并选中它。</translation>
    </message>
    <message>
        <source>The microphone is silent. Check the mute switch on the headset cable.</source>
        <translation>麦克风没有声音。请检查耳麦线上的静音开关。</translation>
    </message>
    <message>
        <source>No speech was heard. Record again and read the sentence aloud.</source>
        <translation>没有听到说话。请重新录音并大声朗读句子。</translation>
    </message>
    <message>
        <source>Your voice is quiet. Move the microphone closer to your mouth.</source>
        <translation>您的声音偏小。请把麦克风靠近嘴边。</translation>
    </message>
    <message>
        <source>Your voice distorts. Lower the microphone level in the system settings.</source>
        <translation>您的声音失真。请在系统设置中调低麦克风音量。</translation>
    </message>
    <message>
        <source>The room is noisy. Suppression helps, but close a window or move away from the TV.</source>
        <translation>环境较吵。降噪会有帮助，但请关上窗户或远离电视。</translation>
    </message>
    <message>
        <source>The test tone was not heard. Check the headset and the volume.</source>
        <translation>没有听到测试音。请检查耳麦和音量。</translation>
    </message>
    <message>
        <source>Play the test tone and say whether you heard it.</source>
        <translation>请播放测试音，并告诉我们是否听到。</translation>
    </message>
    <message>
        <source>This computer is too slow for the best noise suppression; a lighter one is used.</source>
        <translation>这台电脑运行最佳降噪太慢，已改用轻量降噪。</translation>
    </message>
</context>
<context>
    <name>AudioCheckDialog</name>
    <message>
        <source>Recording… read the sentence aloud.</source>
        <translation>正在录音……请大声朗读句子。</translation>
    </message>
    <message>
        <source>Listen to yourself, then play the test tone.</source>
        <translation>听一下自己的声音，然后播放测试音。</translation>
    </message>
    <message>
        <source>The check could not run: {0}</source>
        <translation>检测无法进行：{0}</translation>
    </message>
    <message>
        <source>Playback failed: {0}</source>
        <translation>播放失败：{0}</translation>
    </message>
    <message>
        <source>Background noise</source>
        <translation>背景噪声</translation>
    </message>
    <message>
        <source>{0:.0f} dBFS</source>
        <translation>{0:.0f} dBFS</translation>
    </message>
    <message>
        <source>After suppression</source>
        <translation>降噪后</translation>
    </message>
    <message>
        <source>{0:.0f} dBFS ({1:.0f} dB quieter)</source>
        <translation>{0:.0f} dBFS（降低 {1:.0f} dB）</translation>
    </message>
    <message>
        <source>Your voice</source>
        <translation>您的声音</translation>
    </message>
    <message>
        <source>{0:.0f} dBFS, {1:.1f} s of speech</source>
        <translation>{0:.0f} dBFS，说话 {1:.1f} 秒</translation>
    </message>
    <message>
        <source>Noise suppression</source>
        <translation>降噪</translation>
    </message>
    <message>
        <source>{0}, {1:.0f} ms delay</source>
        <translation>{0}，延迟 {1:.0f} 毫秒</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>扬声器</translation>
    </message>
    <message>
        <source>heard</source>
        <translation>已听到</translation>
    </message>
    <message>
        <source>not heard</source>
        <translation>未听到</translation>
    </message>
    <message>
        <source>not tested yet</source>
        <translation>尚未测试</translation>
    </message>
    <message>
        <source>Audio check</source>
        <translation>音频检测</translation>
    </message>
    <message>
        <source>Before your shift: record five seconds, listen to how the customer hears you, and test your headset. Your team lead sees the result.</source>
        <translation>上班前：录音五秒，听一听客户听到的效果，并测试耳麦。班长会看到检测结果。</translation>
    </message>
    <message>
        <source>“Thank you for calling, my name is … How can I help you today?”</source>
        <translation>“感谢您的来电，我是……请问有什么可以帮您？”</translation>
    </message>
    <message>
        <source>Record 5 seconds</source>
        <translation>录音 5 秒</translation>
    </message>
    <message>
        <source>Play as recorded</source>
        <translation>播放原始录音</translation>
    </message>
    <message>
        <source>Play as the customer hears it</source>
        <translation>播放客户听到的效果</translation>
    </message>
    <message>
        <source>Play test tone</source>
        <translation>播放测试音</translation>
    </message>
    <message>
        <source>I heard it</source>
        <translation>我听到了</translation>
    </message>
    <message>
        <source>I did not hear it</source>
        <translation>我没听到</translation>
    </message>
    <message>
        <source>Put your headset on, then press Record.</source>
        <translation>请戴上耳麦，然后点击录音。</translation>
    </message>
</context>
<context>
    <name>AudioCheckFeature</name>
    <message>
        <source>Audio check…</source>
        <translation>音频检测…</translation>
    </message>
</context>
<context>
    <name>AudioPage</name>
    <message>
        <source>Check your headset</source>
        <translation>检查耳机</translation>
    </message>
    <message>
        <source>Put your headset on. You can repeat this check at any time.</source>
        <translation>请戴上耳机。此检查可随时重做。</translation>
    </message>
    <message>
        <source>You can go on without a good result; your team lead sees the verdict.</source>
        <translation>结果不理想也可以继续；您的组长会看到检查结论。</translation>
    </message>
</context>
<context>
    <name>CardView</name>
    <message>
        <source>(this card has no script)</source>
        <translation>（此卡片没有话术）</translation>
    </message>
    <message>
        <source>Short script (surge)</source>
        <translation>简版话术（高峰）</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Show short script</source>
        <translation>显示简版话术</translation>
    </message>
    <message>
        <source>Show full script</source>
        <translation>显示完整话术</translation>
    </message>
    <message>
        <source>Insert into chat</source>
        <translation>插入聊天</translation>
    </message>
    <message>
        <source>Put the script into the chat input</source>
        <translation>把话术放入聊天输入框</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the script to the clipboard</source>
        <translation>把话术复制到剪贴板</translation>
    </message>
    <message>
        <source>Was this card helpful?</source>
        <translation>这张卡片有帮助吗？</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>No</source>
        <translation>没有</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>会话</translation>
    </message>
</context>
<context>
    <name>ChatArea</name>
    <message>
        <source>New chat: %1</source>
        <translation>新会话：%1</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接入</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Waiting %1</source>
        <translation>已等待 %1</translation>
    </message>
    <message>
        <source>Chats: %1 of %2</source>
        <translation>会话：%1 / %2</translation>
    </message>
    <message>
        <source>No conversations. New chats appear here while you are Ready.</source>
        <translation>暂无会话。示闲时新会话会出现在这里。</translation>
    </message>
    <message>
        <source>%1 (ended)</source>
        <translation>%1（已结束）</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>The customer is typing…</source>
        <translation>客户正在输入…</translation>
    </message>
    <message>
        <source>The customer left the chat. Choose a wrap-up code.</source>
        <translation>客户已离开会话，请选择小结代码。</translation>
    </message>
    <message>
        <source>This chat has ended.</source>
        <translation>会话已结束。</translation>
    </message>
    <message>
        <source>Waiting %1</source>
        <translation>已等待 %1</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <source>Type a reply…</source>
        <translation>输入回复…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Back to queue</source>
        <translation>退回队列</translation>
    </message>
    <message>
        <source>Close chat</source>
        <translation>结束会话</translation>
    </message>
    <message>
        <source>Wrap-up code</source>
        <translation>小结代码</translation>
    </message>
    <message>
        <source>Quick replies…</source>
        <translation>快捷回复…</translation>
    </message>
</context>
<context>
    <name>ChatsPane</name>
    <message>
        <source>Chats</source>
        <translation>在线会话</translation>
    </message>
    <message>
        <source>No conversations</source>
        <translation>暂无会话</translation>
    </message>
    <message>
        <source>New chats appear here while you are Ready.</source>
        <translation>就绪时，新的客户会话会显示在这里。</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Signed in as {0}</source>
        <translation>已签入：{0}</translation>
    </message>
    <message>
        <source>Headset not checked yet</source>
        <translation>尚未检查耳机</translation>
    </message>
    <message>
        <source>Connection not measured</source>
        <translation>未测量网络连接</translation>
    </message>
    <message>
        <source>Platform round trip {0} ms</source>
        <translation>到平台的往返时延 {0} 毫秒</translation>
    </message>
    <message>
        <source>You are ready</source>
        <translation>准备就绪</translation>
    </message>
    <message>
        <source>HomeSeat opens its main window now. You start as Not Ready: choose Ready when your shift begins.</source>
        <translation>居家座席现在打开主窗口。您的初始状态为“未就绪”：上班时请选择“就绪”。</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Enter the platform address your IT department gave you.</source>
        <extracomment>Text and background colours of a result line, by level (same palette as the audio check).</extracomment>
        <translation>请输入 IT 部门提供的平台地址。</translation>
    </message>
    <message>
        <source>The address starts with wss:// (for example wss://hub.example.com:8765).</source>
        <translation>地址以 wss:// 开头（例如 wss://hub.example.com:8765）。</translation>
    </message>
    <message>
        <source>Unencrypted ws:// addresses are not allowed. Use the wss:// address.</source>
        <translation>不允许使用未加密的 ws:// 地址，请使用 wss:// 地址。</translation>
    </message>
    <message>
        <source>The address has no server name, or contains spaces.</source>
        <translation>地址中没有服务器名称，或包含空格。</translation>
    </message>
    <message>
        <source>The port number in the address is not valid.</source>
        <translation>地址中的端口号无效。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up HomeSeat</source>
        <extracomment>The pages, in order.</extracomment>
        <translation>设置居家座席</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Step {0} of {1}</source>
        <translation>第 {0} 步，共 {1} 步</translation>
    </message>
    <message>
        <source>All set</source>
        <translation>全部完成</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在签入…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>签入</translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation>暂时跳过</translation>
    </message>
    <message>
        <source>Open HomeSeat</source>
        <translation>打开居家座席</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入账号和密码。</translation>
    </message>
    <message>
        <source>Sign-in failed because of an unexpected error. Contact IT support.</source>
        <translation>签入时发生意外错误，请联系 IT 支持。</translation>
    </message>
</context>
<context>
    <name>HubPage</name>
    <message>
        <source>Welcome to HomeSeat</source>
        <translation>欢迎使用居家座席</translation>
    </message>
    <message>
        <source>Four short steps get you ready for your first shift: the platform address, sign-in, a headset check and a network check. It takes about two minutes.</source>
        <translation>四个简单步骤，为您的第一个班次做好准备：平台地址、签入、耳机检查和网络检查。大约需要两分钟。</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>Set by your IT department.</source>
        <translation>由您的 IT 部门设置。</translation>
    </message>
    <message>
        <source>Set by IT: {0}</source>
        <translation>由 IT 设置：{0}</translation>
    </message>
    <message>
        <source>Your IT department or team lead gives you this address.</source>
        <translation>此地址由您的 IT 部门或组长提供。</translation>
    </message>
    <message>
        <source>Filled in by your IT department; change it only if IT tells you.</source>
        <translation>已由 IT 部门填写；仅在 IT 要求时才修改。</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Unlocking failed. Try again or sign out.</source>
        <translation>解锁失败。请重试或签出。</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a moment and try again.</source>
        <translation>尝试次数过多，请稍候再试。</translation>
    </message>
    <message>
        <source>Cannot reach the platform. Try again, or sign out.</source>
        <translation>无法连接平台。请重试或签出。</translation>
    </message>
    <message>
        <source>The platform refused to unlock. Sign out and sign in again.</source>
        <translation>平台拒绝解锁。请签出后重新签入。</translation>
    </message>
</context>
<context>
    <name>KnowledgePane</name>
    <message>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Search knowledge cards…</source>
        <translation>搜索知识卡片…</translation>
    </message>
    <message>
        <source>No suggestions yet</source>
        <translation>暂无推荐</translation>
    </message>
    <message>
        <source>Cards that match the conversation will be suggested here.</source>
        <translation>与当前会话相关的知识卡片会推荐在这里。</translation>
    </message>
</context>
<context>
    <name>KnowledgePanel</name>
    <message>
        <source>Hot topics</source>
        <translation>热点问题</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Suggested for this customer</source>
        <translation>为当前客户推荐</translation>
    </message>
    <message>
        <source>Surge level %1: short scripts first</source>
        <translation>高峰 %1 级：优先显示简版话术</translation>
    </message>
    <message>
        <source>No card matches</source>
        <translation>没有匹配的卡片</translation>
    </message>
    <message>
        <source>Search knowledge cards…</source>
        <translation>搜索知识卡片…</translation>
    </message>
</context>
<context>
    <name>Link</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Offline – reconnecting</source>
        <translation>离线 – 正在重连</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已签出</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked while you were away</source>
        <extracomment>The system Not Ready reason of an idle-locked agent. While serving someone the screen never locks (the agent is working, maybe only listening).</extracomment>
        <translation>离开期间已锁定</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>签出</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>That change is not possible in your current state.</source>
        <extracomment>Roles that see the team pane. The agent asked for the settings page (the shell opens it over the config service).</extracomment>
        <translation>当前状态下无法进行此操作。</translation>
    </message>
    <message>
        <source>HomeSeat – %1</source>
        <translation>居家座席 – %1</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>签出</translation>
    </message>
    <message>
        <source>Quit HomeSeat</source>
        <translation>退出居家座席</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>连接未加密</translation>
    </message>
    <message>
        <source>The link to the platform is not encrypted (ws://). Use it only in a test lab; ask IT for a wss:// address.</source>
        <translation>与平台的连接未加密（ws://），仅可用于测试环境。请向 IT 支持索取 wss:// 地址。</translation>
    </message>
    <message>
        <source>Encrypted connection (TLS)</source>
        <translation>加密连接（TLS）</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 条状态记录待上报</numerusform>
        </translation>
    </message>
    <message>
        <source>All reports delivered</source>
        <translation>状态记录已全部上报</translation>
    </message>
</context>
<context>
    <name>MicPanel</name>
    <message>
        <source>DeepFilterNet (best quality)</source>
        <translation>DeepFilterNet（最佳音质）</translation>
    </message>
    <message>
        <source>Classic (light on the CPU)</source>
        <translation>经典算法（占用 CPU 少）</translation>
    </message>
    <message>
        <source>WebRTC (light on the CPU)</source>
        <translation>WebRTC（占用 CPU 少）</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This computer is too busy for {0}: switched to {1}.</source>
        <translation>这台电脑太忙，无法运行{0}：已切换到{1}。</translation>
    </message>
    <message>
        <source>Noise suppression had a problem: switched to {0}.</source>
        <translation>降噪出现问题：已切换到{0}。</translation>
    </message>
    <message>
        <source>The configured noise suppression is not available here: using {0}.</source>
        <translation>配置的降噪在本机不可用：正在使用{0}。</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <source>Bypass</source>
        <translation>旁路</translation>
    </message>
    <message>
        <source>Send your microphone without noise suppression</source>
        <translation>不经降噪直接发送麦克风声音</translation>
    </message>
    <message>
        <source>Noise suppression</source>
        <translation>降噪</translation>
    </message>
    <message>
        <source>Noise suppression: {0}, {1:.0f} ms delay</source>
        <translation>降噪：{0}，延迟 {1:.0f} 毫秒</translation>
    </message>
    <message>
        <source>You are talking while muted: the customer cannot hear you.</source>
        <translation>您正在静音状态下说话：客户听不到您。</translation>
    </message>
    <message>
        <source>No signal from the microphone: check that it is plugged in.</source>
        <translation>麦克风没有信号：请检查是否已插好。</translation>
    </message>
    <message>
        <source>The microphone is silent: is its mute switch on?</source>
        <translation>麦克风没有声音：静音开关是否打开了？</translation>
    </message>
    <message>
        <source>Your microphone is too loud and distorts: lower its level.</source>
        <translation>麦克风音量太大导致失真：请调低音量。</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>no answer from the platform ({0})</source>
        <translation>平台没有应答（{0}）</translation>
    </message>
    <message>
        <source>{0} ms round trip ({1})</source>
        <translation>往返时延 {0} 毫秒（{1}）</translation>
    </message>
    <message>
        <source>good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>较慢</translation>
    </message>
    <message>
        <source>too slow</source>
        <translation>过慢</translation>
    </message>
    <message>
        <source>no phone line is set up on this computer</source>
        <translation>此电脑未设置电话线路</translation>
    </message>
    <message>
        <source>phone line {0} registered</source>
        <translation>电话线路 {0} 已注册</translation>
    </message>
    <message>
        <source>phone line {0} refused: {1}</source>
        <translation>电话线路 {0} 被拒绝：{1}</translation>
    </message>
    <message>
        <source>phone line {0} has no saved password</source>
        <translation>电话线路 {0} 没有已保存的密码</translation>
    </message>
    <message>
        <source>the phone server did not answer</source>
        <translation>电话服务器没有应答</translation>
    </message>
    <message>
        <source>the phone could not start: {0}</source>
        <translation>电话无法启动：{0}</translation>
    </message>
    <message>
        <source>Your connection is ready for calls and chats.</source>
        <translation>您的网络连接可以正常接听电话和在线客服。</translation>
    </message>
    <message>
        <source>Use a cable instead of Wi-Fi if you can, and pause large downloads or video streams at home.</source>
        <translation>如有可能请使用网线代替 Wi-Fi，并暂停家中的大文件下载和视频播放。</translation>
    </message>
    <message>
        <source>Calls cannot reach you until the phone line works: call IT support.</source>
        <translation>电话线路正常之前无法接听来电：请联系 IT 支持。</translation>
    </message>
    <message>
        <source>Check your connection</source>
        <translation>检查网络连接</translation>
    </message>
    <message>
        <source>HomeSeat measures the way to the platform and signs your phone line in.</source>
        <translation>居家座席会测量到平台的网络，并注册您的电话线路。</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Phone line</source>
        <translation>电话线路</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>%1 set you to Not Ready (%2).</source>
        <translation>%1 已将您设为未就绪（%2）。</translation>
    </message>
    <message>
        <source>%1 answered your raised hand: %2</source>
        <translation>%1 回应了您的举手：%2</translation>
    </message>
    <message>
        <source>Message from %1: %2</source>
        <translation>来自 %1 的消息：%2</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <source>All messages…</source>
        <translation>全部消息…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>NoticeHistory</name>
    <message>
        <source>Messages from your team lead</source>
        <translation>班长消息</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>暂无消息。</translation>
    </message>
</context>
<context>
    <name>PhonePane</name>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>No SIP account configured. Ask IT support to set up your phone line.</source>
        <translation>尚未配置 SIP 账号。请联系 IT 支持开通电话线路。</translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation>输入电话号码</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>呼叫</translation>
    </message>
</context>
<context>
    <name>PolicyPage</name>
    <message>
        <source>Not changed: {key}: {why}</source>
        <translation>未更改：{key}：{why}</translation>
    </message>
    <message>
        <source>Saved: {key} applies now.</source>
        <translation>已保存：{key} 立即生效。</translation>
    </message>
    <message>
        <source>Saved: {key} applies after restart.</source>
        <translation>已保存：{key} 重启后生效。</translation>
    </message>
    <message>
        <source>hub push</source>
        <translation>平台推送</translation>
    </message>
    <message>
        <source>, serial {n}</source>
        <translation>，序号 {n}</translation>
    </message>
    <message>
        <source>Built-in default</source>
        <translation>内置默认值</translation>
    </message>
    <message>
        <source>Your setting</source>
        <translation>您的设置</translation>
    </message>
    <message>
        <source>IT default ({where}{serial})</source>
        <translation>IT 默认值（{where}{serial}）</translation>
    </message>
    <message>
        <source>IT, locked ({where}{serial})</source>
        <translation>IT 已锁定（{where}{serial}）</translation>
    </message>
    <message>
        <source>Locked by IT: {reason}</source>
        <translation>已被 IT 锁定：{reason}</translation>
    </message>
    <message>
        <source>Set through policy files</source>
        <translation>通过策略文件设置</translation>
    </message>
    <message>
        <source>live</source>
        <translation>立即生效</translation>
    </message>
    <message>
        <source>after restart</source>
        <translation>重启后生效</translation>
    </message>
    <message>
        <source>Applies after restart: {keys}</source>
        <translation>重启后生效：{keys}</translation>
    </message>
    <message>
        <source>Managed file</source>
        <translation>托管策略文件</translation>
    </message>
    <message>
        <source>Hub push</source>
        <translation>平台推送</translation>
    </message>
    <message>
        <source>Your file</source>
        <translation>您的设置文件</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>in force, {n} key(s) refused</source>
        <translation>生效中，{n} 项被拒绝</translation>
    </message>
    <message>
        <source>refused, the last good version stays ({n} problem(s))</source>
        <translation>已拒绝，继续使用上一个有效版本（{n} 个问题）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source> (serial {n})</source>
        <translation>（序号 {n}）</translation>
    </message>
    <message>
        <source>{n} locked</source>
        <translation>{n} 项已锁定</translation>
    </message>
    <message>
        <source>Settings and policy</source>
        <translation>设置与策略</translation>
    </message>
    <message>
        <source>Filter settings</source>
        <translation>筛选设置项</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Locked by IT because</source>
        <translation>IT 锁定原因</translation>
    </message>
    <message>
        <source>Applies</source>
        <translation>生效方式</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Forget your value; use the IT or built-in default</source>
        <translation>清除您的值，改用 IT 或内置默认值</translation>
    </message>
</context>
<context>
    <name>QuickReply</name>
    <message>
        <source>Hello, thank you for contacting us. How can I help you?</source>
        <translation>您好，感谢您的咨询，请问有什么可以帮您？</translation>
    </message>
    <message>
        <source>Let me check that for you, one moment please.</source>
        <translation>我帮您查询一下，请稍等。</translation>
    </message>
    <message>
        <source>Could you please give me your order number?</source>
        <translation>请提供一下您的订单号好吗？</translation>
    </message>
    <message>
        <source>Is there anything else I can help you with?</source>
        <translation>请问还有其他可以帮您的吗？</translation>
    </message>
    <message>
        <source>Thank you for your patience. Have a nice day!</source>
        <translation>感谢您的耐心等待，祝您生活愉快！</translation>
    </message>
</context>
<context>
    <name>RaiseHandButton</name>
    <message>
        <source>Hand raised</source>
        <extracomment>A refusal, in words (the window shows it).</extracomment>
        <translation>已举手</translation>
    </message>
    <message>
        <source>Your team lead has been asked for help. Click to withdraw.</source>
        <translation>已向班长求助。点击撤回。</translation>
    </message>
    <message>
        <source>Raise hand</source>
        <translation>举手</translation>
    </message>
    <message>
        <source>Ask your team lead for help</source>
        <translation>向班长求助</translation>
    </message>
    <message>
        <source>Your team lead could not be reached: you are offline. Try again.</source>
        <translation>无法联系班长：您已离线。请重试。</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>Just signed in</source>
        <translation>刚签入</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>长时间无操作</translation>
    </message>
    <message>
        <source>Set by team lead</source>
        <translation>班长设置</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>SessionEnded</name>
    <message>
        <source>You signed in on another computer, so this one was signed out.</source>
        <translation>您已在另一台电脑上签入，本机已自动签出。</translation>
    </message>
    <message>
        <source>Your session was ended by an administrator. Sign in again.</source>
        <translation>管理员已结束您的会话，请重新签入。</translation>
    </message>
    <message>
        <source>You were signed out.</source>
        <translation>您已签出。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in – HomeSeat</source>
        <extracomment>``sign_in(username, password, remember)``: returns when signed in, raises SignInError.</extracomment>
        <translation>签入 – 居家座席</translation>
    </message>
    <message>
        <source>Sign in to HomeSeat</source>
        <translation>签入居家座席</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Your agent user name</source>
        <translation>您的座席账号</translation>
    </message>
    <message>
        <source>Keep me signed in on this computer</source>
        <translation>在此电脑上保持签入</translation>
    </message>
    <message>
        <source>This computer has no secure password store, so you sign in each time.</source>
        <translation>此电脑没有安全的密码存储，每次都需要重新签入。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在签入…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>签入</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>尝试次数过多，请 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入账号和密码。</translation>
    </message>
    <message>
        <source>Sign-in failed because of an unexpected error. Contact IT support.</source>
        <translation>签入时发生意外错误，请联系 IT 支持。</translation>
    </message>
</context>
<context>
    <name>SignInError</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>账号或密码错误。</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a moment and try again.</source>
        <translation>尝试次数过多，请稍后再试。</translation>
    </message>
    <message>
        <source>This account is disabled. Contact your team lead.</source>
        <translation>该账号已停用，请联系您的班长。</translation>
    </message>
    <message>
        <source>Your saved sign-in is no longer valid. Enter your password.</source>
        <translation>保存的签入信息已失效，请输入密码。</translation>
    </message>
    <message>
        <source>Cannot reach the platform. Check your network connection and try again.</source>
        <translation>无法连接平台。请检查网络连接后重试。</translation>
    </message>
    <message>
        <source>The platform&apos;s security certificate could not be verified. Contact IT support.</source>
        <translation>无法验证平台的安全证书，请联系 IT 支持。</translation>
    </message>
    <message>
        <source>The platform&apos;s certificate is not the one IT pinned: someone may be intercepting the connection. Your password was not sent. Contact IT support.</source>
        <translation>平台证书与 IT 固定的证书不符：连接可能被拦截。您的密码未发送。请联系 IT 支持。</translation>
    </message>
    <message>
        <source>The platform refused the sign-in (protocol error). Contact IT support.</source>
        <translation>平台拒绝了签入（协议错误），请联系 IT 支持。</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Signed in as {0}.</source>
        <translation>已签入：{0}。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>签入</translation>
    </message>
    <message>
        <source>Use the agent account your team lead or IT gave you.</source>
        <translation>请使用组长或 IT 提供的座席账号。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Your agent user name</source>
        <translation>您的座席账号</translation>
    </message>
    <message>
        <source>Keep me signed in on this computer</source>
        <translation>在此电脑上保持签入</translation>
    </message>
    <message>
        <source>This computer has no secure password store, so you sign in each time.</source>
        <translation>此电脑没有安全的密码存储，每次都需要重新签入。</translation>
    </message>
</context>
<context>
    <name>SoftphonePane</name>
    <message>
        <source>Phone error: %1</source>
        <translation>电话错误：%1</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>No calls</source>
        <translation>暂无通话</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>接听</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒接</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <source>Type the colleague&apos;s number, then Transfer</source>
        <translation>输入同事的号码，然后点击转接</translation>
    </message>
    <message>
        <source>Number to call</source>
        <translation>输入电话号码</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>呼叫</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>最近通话</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Connecting the phone line…</source>
        <translation>正在连接电话线路…</translation>
    </message>
    <message>
        <source>Phone line ready</source>
        <translation>电话线路已就绪</translation>
    </message>
    <message>
        <source>Phone line refused the sign-in: ask IT support</source>
        <translation>电话线路拒绝登录：请联系 IT 支持</translation>
    </message>
    <message>
        <source>Phone line unreachable (%1); retrying</source>
        <translation>电话线路无法连接（%1），正在重试</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>线路 %1</translation>
    </message>
    <message>
        <source>Call waiting</source>
        <translation>呼叫等待</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Ringing out…</source>
        <translation>对方振铃中…</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>正在呼叫…</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>保持中</translation>
    </message>
    <message>
        <source>Transferring…</source>
        <translation>正在转接…</translation>
    </message>
    <message>
        <source>Held by the other party</source>
        <translation>对方已保持通话</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>已静音</translation>
    </message>
    <message>
        <source>Good line</source>
        <translation>线路良好</translation>
    </message>
    <message>
        <source>Fair line</source>
        <translation>线路一般</translation>
    </message>
    <message>
        <source>Poor line</source>
        <translation>线路较差</translation>
    </message>
    <message>
        <source>Jitter %1 ms, loss %2 %, round trip %3 ms, codec %4</source>
        <translation>抖动 %1 毫秒，丢包 %2 %，往返时延 %3 毫秒，编解码 %4</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>未接通</translation>
    </message>
</context>
<context>
    <name>StateBar</name>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>time in state</source>
        <translation>当前状态时长</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <source>Choose a wrap-up code</source>
        <translation>选择小结代码</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Change your state</source>
        <translation>切换状态</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>班长</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>座席</translation>
    </message>
    <message>
        <source>Next: Not Ready · %1</source>
        <translation>稍后转未就绪 · %1</translation>
    </message>
    <message>
        <source>You will be Not Ready when this interaction and its wrap-up end.</source>
        <translation>本次服务及话后处理结束后，您将转为未就绪。</translation>
    </message>
</context>
<context>
    <name>StateMenu</name>
    <message>
        <source>Stay Ready after this interaction</source>
        <translation>本次服务后保持就绪</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Not Ready after this interaction</source>
        <translation>本次服务后转未就绪</translation>
    </message>
    <message>
        <source>Not Ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>Show HomeSeat</source>
        <translation>显示居家座席</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>签出</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>Supervision</name>
    <message>
        <source>You are not allowed to do this for this agent or team.</source>
        <extracomment>The protocol&apos;s limit for a lead&apos;s text.</extracomment>
        <translation>您无权对该座席或班组执行此操作。</translation>
    </message>
    <message>
        <source>This agent does not exist any more.</source>
        <translation>该座席已不存在。</translation>
    </message>
    <message>
        <source>Not delivered: the agent is not connected, or you are offline. Try again later.</source>
        <translation>未送达：座席未连接，或您已离线。请稍后再试。</translation>
    </message>
    <message>
        <source>The platform did not answer in time. Try again.</source>
        <translation>平台未及时响应，请重试。</translation>
    </message>
    <message>
        <source>The platform refused the request as invalid. Check what you entered.</source>
        <translation>平台认为请求无效而拒绝，请检查输入内容。</translation>
    </message>
</context>
<context>
    <name>Surge</name>
    <message>
        <source>Surge level 1 – busy</source>
        <extracomment>Background and text colour per level (1 amber, 2 orange, 3 red).</extracomment>
        <translation>一级应急 – 繁忙</translation>
    </message>
    <message>
        <source>Surge level 2 – very busy</source>
        <translation>二级应急 – 非常繁忙</translation>
    </message>
    <message>
        <source>Surge level 3 – emergency</source>
        <translation>三级应急 – 紧急</translation>
    </message>
    <message>
        <source>Normal operation</source>
        <translation>正常运行</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>SurgeControl</name>
    <message>
        <source>Surge level: normal</source>
        <translation>应急级别：正常</translation>
    </message>
    <message>
        <source>Set the surge level of team %1</source>
        <translation>设置班组 %1 的应急级别</translation>
    </message>
</context>
<context>
    <name>SurgeDialog</name>
    <message>
        <source>Surge level of %1</source>
        <translation>%1 的应急级别</translation>
    </message>
    <message>
        <source>Every agent of the team sees this at once.</source>
        <translation>班组的每位座席会立即看到。</translation>
    </message>
    <message>
        <source>Message to the team (optional)</source>
        <translation>给班组的消息（可选）</translation>
    </message>
</context>
<context>
    <name>TeamActions</name>
    <message>
        <source>Message to %1</source>
        <extracomment>The permission that lets a lead set their team&apos;s surge level (hub: ``Storage.grant``). The dialog opened last (tests drive it).</extracomment>
        <translation>发消息给 %1</translation>
    </message>
    <message>
        <source>%1 sees this at once in their window.</source>
        <translation>%1 会立即在窗口中看到此消息。</translation>
    </message>
    <message>
        <source>Message sent to %1.</source>
        <translation>已向 %1 发送消息。</translation>
    </message>
    <message>
        <source>Answer %1</source>
        <translation>回应 %1</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>%1 asks for help: %2</source>
        <translation>%1 请求帮助：%2</translation>
    </message>
    <message>
        <source>Answer sent to %1; the raised hand is lowered.</source>
        <translation>已回应 %1，举手已放下。</translation>
    </message>
    <message>
        <source>Force %1 Not Ready</source>
        <translation>将 %1 强制设为未就绪</translation>
    </message>
    <message>
        <source>%1 is set to Not Ready with this reason (after the current contact, if any).</source>
        <translation>%1 将以此原因设为未就绪（如正在服务，则在本次服务结束后生效）。</translation>
    </message>
    <message>
        <source>%1 is set to Not Ready.</source>
        <translation>%1 已设为未就绪。</translation>
    </message>
    <message>
        <source>Sign out %1</source>
        <translation>签出 %1</translation>
    </message>
    <message>
        <source>Sign %1 out? Their session ends now and they must sign in again.</source>
        <translation>要将 %1 签出吗？其会话将立即结束，需要重新登录。</translation>
    </message>
    <message>
        <source>%1 was signed out.</source>
        <translation>%1 已签出。</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>签出</translation>
    </message>
</context>
<context>
    <name>TeamModel</name>
    <message>
        <source>Agent</source>
        <extracomment>Role carrying a sortable value (numbers for durations, lower-case text otherwise). Role carrying the row&apos;s loud alerts (a frozenset of AlertKind). Emitted after any change of the counters (snapshot, delta). Emitted when the set of loud alerts changed (the alert strip re-reads it).</extracomment>
        <translation>座席</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Client version</source>
        <translation>客户端版本</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后在线</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>AHT</source>
        <translation>平均处理</translation>
    </message>
    <message>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Time in the current state</source>
        <translation>处于当前状态的时长</translation>
    </message>
    <message>
        <source>Calls and chats the agent is on now</source>
        <translation>座席当前的通话和会话</translation>
    </message>
    <message>
        <source>Calls and chats handled today</source>
        <translation>今日已处理的通话和会话</translation>
    </message>
    <message>
        <source>Average handle time today (talk and wrap-up)</source>
        <translation>今日平均处理时长（通话加话后处理）</translation>
    </message>
    <message>
        <source>Line quality of the last call (MOS, 1-5)</source>
        <translation>上一通电话的线路质量（MOS，1-5）</translation>
    </message>
    <message>
        <source>Result of the latest audio check</source>
        <translation>最近一次音频检测的结果</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Never connected</source>
        <translation>从未连接</translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation>最后在线 %1</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Last known state: %1</source>
        <translation>最后已知状态：%1</translation>
    </message>
</context>
<context>
    <name>TeamPane</name>
    <message>
        <source>All teams</source>
        <extracomment>What a lead can do to one agent (``action_requested`` kinds), in menu order. The lead asked for an action (one of :data:`ACTIONS`) on an agent (user id). Where the supervision wiring puts the surge control: the right end of the card&apos;s title row (the counters need their row&apos;s width).</extracomment>
        <translation>全部班组</translation>
    </message>
    <message>
        <source>Today&apos;s timeline…</source>
        <translation>今日时间线…</translation>
    </message>
    <message>
        <source>Message…</source>
        <translation>发消息…</translation>
    </message>
    <message>
        <source>Answer raised hand…</source>
        <translation>回应举手…</translation>
    </message>
    <message>
        <source>Force Not Ready…</source>
        <translation>强制未就绪…</translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation>签出…</translation>
    </message>
    <message>
        <source>Search agents…</source>
        <translation>搜索座席…</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>My team (%1 of %2 signed in)</source>
        <translation>我的班组（已签入 %1/%2）</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>No activity today</source>
        <translation>今日暂无活动</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>Update available: HomeSeat {0} (this is {1})</source>
        <translation>有可用更新：居家座席 {0}（当前为 {1}）</translation>
    </message>
    <message>
        <source>Your IT department recommends HomeSeat {0}. Install it after your shift, or ask IT. This version keeps working.</source>
        <translation>IT 部门建议使用居家座席 {0}。请在下班后安装，或联系 IT。当前版本仍可继续使用。</translation>
    </message>
</context>
</TS>
