/** The group the installer gives the data folder to (resources/installer/set-data-acl.ps1). */
const GROUP = 'BranchLedger 用户';

/** Windows 账户: who may use the data folder on this PC, and how an administrator adds an account. */
export function WindowsAccessSection() {
  return (
    <div data-testid="settings-windows-access">
      <p>
        本机的台账数据文件夹（默认 <code>%ProgramData%\BranchLedger</code>，含数据库、备份和导出）只有「{GROUP}」组的成员、Windows
        管理员和系统可以访问。安装程序已把安装时登录的 Windows 账户加入该组。
      </p>
      <p>要让本机另一个 Windows 账户使用本程序，请 Windows 管理员以管理员身份打开命令提示符，运行：</p>
      <pre className="command">net localgroup &quot;{GROUP}&quot; 用户名 /add</pre>
      <p className="muted">把“用户名”换成该账户的登录名（域账户写作 域名\用户名）。该账户注销并重新登录 Windows 后生效。</p>
    </div>
  );
}
