; The database lives in %ProgramData%\BranchLedger, shared by every Windows user of the PC.
; Per-machine installs run elevated; give the local Users group modify rights on that folder
; so staff accounts without admin rights can write the database and its backups.
!macro customInstall
  CreateDirectory "$COMMONAPPDATA\BranchLedger"
  CreateDirectory "$COMMONAPPDATA\BranchLedger\backups"
  nsExec::ExecToLog 'icacls "$COMMONAPPDATA\BranchLedger" /grant *S-1-5-32-545:(OI)(CI)M /T'
!macroend

; Uninstalling never deletes the database: it is the branch's ledger, not program files.
!macro customUnInstall
!macroend
