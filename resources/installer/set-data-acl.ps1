<#
  Branch Ledger: who may use the data folder (%ProgramData%\BranchLedger by default).

  The folder holds the database (every borrower's ID and phone), its backups and exports. Only
  the local group "BranchLedger 用户", Administrators and SYSTEM get access; nothing is inherited
  from ProgramData (where every user may read), and what is inside inherits the folder's rights.

  The installer runs this elevated after copying the program: resources/installer.nsh calls the
  copy in the install folder, <install folder>\resources\installer\set-data-acl.ps1. An
  administrator may run it again, e.g. for a data folder moved elsewhere:

    powershell -NoProfile -ExecutionPolicy Bypass -File set-data-acl.ps1 -DataDir "D:\台账数据"

  To let another Windows account use the app, an administrator runs (the account then signs out
  and in again):

    net localgroup "BranchLedger 用户" 用户名 /add

  Exit codes: 0 done; 3010 done, and the installing user was just added to the group (it must
  sign out and in again before the group applies); 1 failed (the message says why).

  This file is UTF-8 with a byte order mark: Windows PowerShell 5.1 reads the group's Chinese
  name correctly only so.
#>
param(
  [string]$DataDir = (Join-Path $env:ProgramData 'BranchLedger'),
  # The Windows account to add to the group; by default the one signed in to this session.
  [string]$User = ''
)

$ErrorActionPreference = 'Stop'
$Group = 'BranchLedger 用户'
$GroupComment = '可以使用支行贷后台账数据文件夹的 Windows 账户'

# net.exe's errors "group already exists" (1379) and "already a member" (1378) mean done.
# (Native commands' stderr must not stop the script: Windows PowerShell would throw on its first line.)
function Invoke-Net([string[]]$NetArgs, [int]$AlreadyDone) {
  $ErrorActionPreference = 'Continue'
  $output = & net.exe @NetArgs 2>&1 | Out-String
  if ($LASTEXITCODE -eq 0) { return $true }
  if ($output -match "\b$AlreadyDone\b") { return $false }
  throw "net $($NetArgs -join ' ') failed ($LASTEXITCODE): $output"
}

function Invoke-Icacls([string[]]$IcaclsArgs) {
  $ErrorActionPreference = 'Continue'
  $output = & icacls.exe @IcaclsArgs 2>&1 | Out-String
  if ($LASTEXITCODE -ne 0) { throw "icacls $($IcaclsArgs -join ' ') failed ($LASTEXITCODE): $output" }
}

# The account signed in to this session, even when another account's administrator credentials
# elevated the installer: the owner of this session's explorer.exe.
function Get-SessionUser {
  try {
    $session = (Get-Process -Id $PID).SessionId
    $explorer = Get-CimInstance -ClassName Win32_Process -Filter "Name = 'explorer.exe'" |
      Where-Object { $_.SessionId -eq $session } | Select-Object -First 1
    if ($explorer) {
      $owner = Invoke-CimMethod -InputObject $explorer -MethodName GetOwner
      if ($owner.ReturnValue -eq 0 -and $owner.User) { return "$($owner.Domain)\$($owner.User)" }
    }
  } catch {
    Write-Host "Could not find this session's user ($($_.Exception.Message)); adding the installer's account."
  }
  return [Security.Principal.WindowsIdentity]::GetCurrent().Name
}

try {
  # 1. The group, and the installing user in it.
  [void](Invoke-Net @('localgroup', $Group, '/add', "/comment:$GroupComment") 1379)
  if (-not $User) { $User = Get-SessionUser }
  $added = Invoke-Net @('localgroup', $Group, $User, '/add') 1378
  $groupSid = (New-Object Security.Principal.NTAccount($env:COMPUTERNAME, $Group)).Translate([Security.Principal.SecurityIdentifier]).Value

  # 2. The folder: nothing inherited; full control for Administrators (*S-1-5-32-544) and SYSTEM
  #    (*S-1-5-18), modify for the group, each for the folder and all it will hold ((OI)(CI)).
  New-Item -ItemType Directory -Force -Path $DataDir, (Join-Path $DataDir 'backups') | Out-Null
  Invoke-Icacls @($DataDir, '/inheritance:r', '/grant:r', '*S-1-5-32-544:(OI)(CI)F', '*S-1-5-18:(OI)(CI)F', "*${groupSid}:(OI)(CI)M", '/Q')
  # Grants earlier versions gave (Users: modify), or someone added by hand, go: Users,
  # Authenticated Users, Everyone.
  Invoke-Icacls @($DataDir, '/remove:g', '*S-1-5-32-545', '*S-1-5-11', '*S-1-1-0', '/Q')

  # 3. What is already inside (database, backups, exports) keeps only what it inherits from the folder.
  Invoke-Icacls @((Join-Path $DataDir '*'), '/reset', '/T', '/C', '/Q')

  Write-Output "Data folder $DataDir : access for '$Group' ($groupSid), Administrators and SYSTEM only; $User is in the group."
  if ($added) { exit 3010 }
  exit 0
} catch {
  Write-Output "Setting the data folder's access failed: $($_.Exception.Message)"
  exit 1
}
