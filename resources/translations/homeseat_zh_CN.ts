<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <name>MainWindow</name>
    <message>
        <source>That change is not possible in your current state.</source>
        <extracomment>Roles that see the team pane.</extracomment>
        <translation>当前状态下无法进行此操作。</translation>
    </message>
    <message>
        <source>HomeSeat – %1</source>
        <translation>居家座席 – %1</translation>
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
        <source>The platform refused the sign-in (protocol error). Contact IT support.</source>
        <translation>平台拒绝了签入（协议错误），请联系 IT 支持。</translation>
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
    <name>TeamModel</name>
    <message>
        <source>Agent</source>
        <extracomment>Role carrying a sortable value (numbers for durations, lower-case text otherwise). Emitted after any change of the counters (snapshot, delta).</extracomment>
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
        <source>Time in state</source>
        <translation>状态时长</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Client version</source>
        <translation>客户端版本</translation>
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
        <source>Last known state: %1</source>
        <translation>最后已知状态：%1</translation>
    </message>
</context>
<context>
    <name>TeamPane</name>
    <message>
        <source>Filter agents…</source>
        <translation>筛选座席…</translation>
    </message>
    <message>
        <source>My team (%1 of %2 signed in)</source>
        <translation>我的班组（已签入 %1/%2）</translation>
    </message>
</context>
</TS>
