import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Issue 9, finding 10: the data folder (%ProgramData%\BranchLedger: the database with every ID and
// phone, its backups and exports) is for the local group "BranchLedger 用户", Administrators and
// SYSTEM only. The installer cannot run here; this checks the text of what it runs on Windows.

const ROOT = new URL('../../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, ROOT));
const SCRIPT = 'resources/installer/set-data-acl.ps1';

const ADMINISTRATORS = '*S-1-5-32-544';
const SYSTEM = '*S-1-5-18';
const GROUP = '*${groupSid}'; // the group's SID, looked up from its name
const EVERYONE_ELSE = ['S-1-5-32-545', 'S-1-5-11', 'S-1-1-0', 'Users', 'Everyone', 'Authenticated Users'];

/** The script's code: UTF-8 after its byte order mark, without comments. */
function scriptCode(): string {
  const bytes = read(SCRIPT);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  return text
    .replace(/<#[\s\S]*?#>/g, '')
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');
}

/** Each `Invoke-Icacls @(…)` call's arguments: quoted strings as written, variables and sub-expressions as code. */
function icaclsCalls(code: string): string[][] {
  return [...code.matchAll(/Invoke-Icacls @\((.*)\)\s*$/gm)].map(([, list]) =>
    [...list.matchAll(/'([^']*)'|"([^"]*)"|(\(Join-Path [^)]*\))|(\$\w+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]),
  );
}

/** The principal:rights entries after /grant or /grant:r in one icacls call. */
function grantsOf(args: string[]): string[] {
  const grants: string[] = [];
  let granting = false;
  for (const arg of args) {
    if (arg.startsWith('/')) granting = arg === '/grant' || arg === '/grant:r';
    else if (granting) grants.push(arg);
  }
  return grants;
}

describe('the data folder access script', () => {
  it('is UTF-8 with a byte order mark, and names the group in Chinese', () => {
    expect(scriptCode()).toContain("$Group = 'BranchLedger 用户'");
  });

  it('creates the group and adds the installing user with net localgroup', () => {
    const code = scriptCode();
    expect(code).toMatch(/Invoke-Net @\('localgroup', \$Group, '\/add'/);
    expect(code).toMatch(/Invoke-Net @\('localgroup', \$Group, \$User, '\/add'\)/);
    expect(code).toContain('NTAccount($env:COMPUTERNAME, $Group)');
  });

  it('removes inheritance and grants the folder and all it will hold to the group, Administrators and SYSTEM only', () => {
    const calls = icaclsCalls(scriptCode());
    const onFolder = calls.filter((args) => args[0] === '$DataDir');
    expect(onFolder.some((args) => args.includes('/inheritance:r'))).toBe(true);
    const grants = calls.flatMap(grantsOf);
    expect(grants.sort()).toEqual([`${ADMINISTRATORS}:(OI)(CI)F`, `${GROUP}:(OI)(CI)M`, `${SYSTEM}:(OI)(CI)F`].sort());
    // The folder's grants go with /inheritance:r in one call: there is no moment with neither.
    const grantCall = onFolder.find((args) => grantsOf(args).length > 0)!;
    expect(grantCall).toContain('/inheritance:r');
    expect(grantCall).toContain('/grant:r');
  });

  it('grants nothing to Users, Authenticated Users or Everyone, and takes away what earlier versions gave them', () => {
    const calls = icaclsCalls(scriptCode());
    for (const grant of calls.flatMap(grantsOf)) {
      for (const name of EVERYONE_ELSE) expect(grant).not.toContain(name);
    }
    const removal = calls.find((args) => args[0] === '$DataDir' && args.includes('/remove:g'));
    expect(removal).toEqual(expect.arrayContaining(['*S-1-5-32-545', '*S-1-5-11', '*S-1-1-0']));
    // Nothing else in the script grants access some other way.
    expect(scriptCode()).not.toMatch(/Set-Acl|FileSystemAccessRule|\bcacls|takeown/i);
  });

  it('makes what is already inside (database, backups, exports) inherit the folder’s access', () => {
    const reset = icaclsCalls(scriptCode()).find((args) => args.includes('/reset'));
    expect(reset?.[0]).toBe("(Join-Path $DataDir '*')");
    expect(reset).toContain('/T');
  });
});

describe('the installer', () => {
  const nsh = read('resources/installer.nsh').toString('utf8');
  const builder = read('electron-builder.yml').toString('utf8');

  it('ships the script and runs it from the install folder after copying the program', () => {
    expect(builder).toMatch(/extraResources:\s*\n\s*- from: resources\/installer\/set-data-acl\.ps1\s*\n\s*to: installer\/set-data-acl\.ps1/);
    expect(builder).toMatch(/^\s*include: resources\/installer\.nsh$/m);
    const customInstall = /!macro customInstall([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
    expect(customInstall).toMatch(/powershell\.exe" -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "\$INSTDIR\\resources\\installer\\set-data-acl\.ps1" -DataDir "\$COMMONAPPDATA\\BranchLedger"/);
    // Failure is not silent.
    expect(customInstall).toMatch(/\$\{ElseIf\} \$0 != "0"\s*\n\s*MessageBox/);
  });

  it('keeps every access command in that one script', () => {
    const code = nsh.split(/\r?\n/).filter((line) => !line.trim().startsWith(';')).join('\n');
    expect(code).not.toMatch(/icacls|net(\.exe)? localgroup|AccessChk|S-1-5-32-545/i);
  });
});
