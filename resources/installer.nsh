; The database lives in %ProgramData%\BranchLedger, shared by the Windows accounts of the PC that
; may use the app: the local group "BranchLedger 用户", Administrators and SYSTEM, nobody else.
; Per-machine installs run elevated. After the program files are copied, set-data-acl.ps1 (in the
; install folder, so an administrator can run it again) creates the group, adds the signed-in
; user, and sets the folder's access; every Windows command that does so is in that one script.
!macro customInstall
  DetailPrint "Setting access to $COMMONAPPDATA\BranchLedger"
  Push $0
  nsExec::ExecToLog '"$SYSDIR\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "$INSTDIR\resources\installer\set-data-acl.ps1" -DataDir "$COMMONAPPDATA\BranchLedger"'
  Pop $0
  ${If} $0 == "3010"
    MessageBox MB_OK|MB_ICONINFORMATION "已将当前 Windows 账户加入「BranchLedger 用户」组，只有该组成员和管理员可以访问台账数据。$\r$\n$\r$\n请先注销并重新登录 Windows，再打开支行贷后台账。" /SD IDOK
  ${ElseIf} $0 != "0"
    MessageBox MB_OK|MB_ICONEXCLAMATION "未能设置台账数据文件夹的访问权限（$COMMONAPPDATA\BranchLedger）。$\r$\n$\r$\n请由管理员以管理员身份运行：$\r$\npowershell -NoProfile -ExecutionPolicy Bypass -File $\"$INSTDIR\resources\installer\set-data-acl.ps1$\"" /SD IDOK
  ${EndIf}
  Pop $0
!macroend

; Uninstalling never deletes the database, nor the group: they are the branch's, not program files.
!macro customUnInstall
!macroend
