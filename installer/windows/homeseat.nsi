; HomeSeat Windows installer (NSIS 3, Unicode). Built by scripts/build-installer.sh nsis:
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DPAYLOAD=<bundle folder> -DOUTFILE=<setup.exe>
;            [-DICON=<homeseat.ico>] installer/windows/homeseat.nsi
;
; PAYLOAD is the PyInstaller one-folder bundle (HomeSeat.exe, homeseat-cli.exe, homeseat-hub.exe,
; _internal\). Per-machine: Program Files, all users' Start menu, HKLM uninstall entry; needs
; administrator rights (UAC prompt when double-clicked).
;
; Silent install for IT (docs/install.md):
;   HomeSeat-0.1.0-setup.exe /S [/HUB=wss://hub.example:8765] [/POLICY=\\server\share\policy.json]
;                            [/D=C:\Program Files\HomeSeat]   (/D must come last, unquoted)
;   /POLICY  copies that file to %ProgramData%\HomeSeat\policy.json (the managed policy).
;   /HUB     without /POLICY: writes a policy whose default hub URL is this one (the agent sees
;            it pre-filled and can still change it). With /POLICY the hub belongs in that file.
;   Exit codes: 0 done; 2 bad arguments (wrong URL, missing file, both /HUB and /POLICY).
; Silent uninstall: "%ProgramFiles%\HomeSeat\uninstall.exe" /S [/PURGE] (/PURGE also deletes the
; policy file, which is otherwise kept like a Debian conffile).

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef VERSION_NUM
  !define VERSION_NUM "0.0.0.0"
!endif
!ifndef PAYLOAD
  !error "define PAYLOAD: the PyInstaller bundle folder (-DPAYLOAD=dist/installer/bundle/homeseat)"
!endif
!ifndef OUTFILE
  !define OUTFILE "HomeSeat-${VERSION}-setup.exe"
!endif

!define APP "HomeSeat"
!define PUBLISHER "HomeSeat"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\HomeSeat"
!define POLICY_DIR "$APPDATA\HomeSeat"  ; $APPDATA is %ProgramData% under SetShellVarContext all

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "StrFunc.nsh"
!include "x64.nsh"
${StrStr}

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "Software\${APP}" "InstallDir"
RequestExecutionLevel admin
; COMPRESSOR: "/SOLID lzma" (releases: smallest), "zlib", or "off" (test builds: fastest).
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma"
!endif
!if "${COMPRESSOR}" == "off"
  SetCompress off
!else
  SetCompressor ${COMPRESSOR}
!endif
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION_NUM}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER}"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

Var HubUrl
Var PolicyFile
Var Purge

LangString BadHub ${LANG_ENGLISH} "The hub URL must start with wss:// and contain no quotes or spaces: $HubUrl"
LangString BadHub ${LANG_SIMPCHINESE} "平台地址必须以 wss:// 开头，且不能包含引号或空格：$HubUrl"
LangString NoPolicy ${LANG_ENGLISH} "The policy file does not exist: $PolicyFile"
LangString NoPolicy ${LANG_SIMPCHINESE} "策略文件不存在：$PolicyFile"
LangString BothGiven ${LANG_ENGLISH} "Give either /HUB or /POLICY, not both: put the hub URL in the policy file."
LangString BothGiven ${LANG_SIMPCHINESE} "/HUB 与 /POLICY 只能二选一：请把平台地址写进策略文件。"
LangString ShortcutUninstall ${LANG_ENGLISH} "Uninstall HomeSeat"
LangString ShortcutUninstall ${LANG_SIMPCHINESE} "卸载居家座席"

; Refuse bad arguments before anything is written (exit code 2, message unless silent).
!macro Refuse text
  MessageBox MB_ICONSTOP|MB_OK "${text}" /SD IDOK
  SetErrorLevel 2
  Quit
!macroend

Function .onInit
  SetShellVarContext all
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/HUB=" $HubUrl
  ${If} ${Errors}
    StrCpy $HubUrl ""
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/POLICY=" $PolicyFile
  ${If} ${Errors}
    StrCpy $PolicyFile ""
  ${EndIf}
  ${If} $HubUrl != ""
  ${AndIf} $PolicyFile != ""
    !insertmacro Refuse "$(BothGiven)"
  ${EndIf}
  ${If} $HubUrl != ""
    StrCpy $R1 $HubUrl 6
    ${StrStr} $R2 $HubUrl '"'
    ${StrStr} $R3 $HubUrl " "
    ${StrStr} $R4 $HubUrl "\"
    ${If} $R1 != "wss://"
    ${OrIf} $R2 != ""
    ${OrIf} $R3 != ""
    ${OrIf} $R4 != ""
    ${OrIf} $HubUrl == "wss://"
      !insertmacro Refuse "$(BadHub)"
    ${EndIf}
  ${EndIf}
  ${If} $PolicyFile != ""
  ${AndIfNot} ${FileExists} "$PolicyFile"
    !insertmacro Refuse "$(NoPolicy)"
  ${EndIf}
FunctionEnd

Section "HomeSeat" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the whole runtime: no stale library of the old version lingers.
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}/*"

  ; The managed policy (machine-wide, read-only for users).
  CreateDirectory "${POLICY_DIR}"
  ${If} $PolicyFile != ""
    CopyFiles /SILENT "$PolicyFile" "${POLICY_DIR}\policy.json"
  ${ElseIf} $HubUrl != ""
    FileOpen $0 "${POLICY_DIR}\policy.json" w
    FileWrite $0 '{"schema": 1, "serial": 0, "defaults": {"hub": {"url": "$HubUrl"}}}$\r$\n'
    FileClose $0
  ${EndIf}
  ; Administrators and SYSTEM write, users only read (ProgramData would let them add files).
  nsExec::ExecToLog 'icacls "${POLICY_DIR}" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'
  Pop $0

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\HomeSeat.exe" "" "$INSTDIR\HomeSeat.exe" 0
  CreateShortcut "$SMPROGRAMS\${APP}\$(ShortcutUninstall).lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKLM "Software\${APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\HomeSeat.exe"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Function un.onInit
  SetShellVarContext all
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PURGE" $R1
  ${If} ${Errors}
    StrCpy $Purge "0"
  ${Else}
    StrCpy $Purge "1"
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\$(ShortcutUninstall).lnk"
  RMDir "$SMPROGRAMS\${APP}"
  ; Only what the installer put there: never RMDir /r the install folder itself (it could be
  ; a folder the administrator chose that holds other things).
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\HomeSeat.exe"
  Delete "$INSTDIR\homeseat-cli.exe"
  Delete "$INSTDIR\homeseat-hub.exe"
  Delete "$INSTDIR\homeseat"
  Delete "$INSTDIR\homeseat-hub"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ${If} $Purge == "1"
    Delete "${POLICY_DIR}\policy.json"
    RMDir "${POLICY_DIR}"
  ${EndIf}
  DeleteRegKey HKLM "${UNINST_KEY}"
  DeleteRegKey HKLM "Software\${APP}"
SectionEnd
