/** The console's only style sheet, served from the console itself (the machines are offline: no CDN, no web fonts). */
export const CONSOLE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.6 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #1f2933; background: #f4f6f8; }
header { display: flex; align-items: center; gap: 24px; padding: 0 24px; height: 52px; background: #1f4e79; color: #fff; }
header .brand { font-weight: bold; font-size: 16px; }
header nav { display: flex; gap: 4px; flex: 1; }
header nav a { color: #dbe7f3; text-decoration: none; padding: 6px 12px; border-radius: 4px; }
header nav a.active, header nav a:hover { background: #2f6aa3; color: #fff; }
header form { margin: 0; }
header .who { color: #dbe7f3; }
main { padding: 20px 24px 40px; max-width: 1400px; }
h1 { font-size: 20px; margin: 0 0 16px; }
h2 { font-size: 16px; margin: 28px 0 10px; }
table { border-collapse: collapse; background: #fff; width: 100%; margin-bottom: 8px; }
th, td { border: 1px solid #d9dee3; padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #eef2f6; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; background: #f7f9fb; }
.muted { color: #6b7785; }
.notice { padding: 10px 14px; border-radius: 4px; margin-bottom: 16px; }
.notice.ok { background: #e6f4ea; border: 1px solid #a8d5b5; }
.notice.error { background: #fdecea; border: 1px solid #f1aeb5; color: #8a1c1c; }
.notice.warn { background: #fff8e1; border: 1px solid #f0d58c; }
button, .button { font: inherit; padding: 6px 16px; border-radius: 4px; border: 1px solid #1f4e79; background: #1f4e79; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.plain { background: transparent; border-color: #dbe7f3; color: #dbe7f3; padding: 3px 10px; }
a { color: #1f4e79; }
input[type=text], input[type=password], input[type=date], select { font: inherit; padding: 5px 8px; border: 1px solid #b8c2cc; border-radius: 4px; }
input.reason { width: 100%; min-width: 200px; }
label { margin-right: 12px; white-space: nowrap; }
.login { max-width: 360px; margin: 80px auto; background: #fff; padding: 28px 32px; border: 1px solid #d9dee3; border-radius: 6px; }
.login h1 { text-align: center; }
.login p { margin: 0 0 14px; }
.login input { width: 100%; }
.login button { width: 100%; margin-top: 6px; }
.filters { margin-bottom: 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; background: #fff; padding: 12px 16px; border: 1px solid #d9dee3; margin: 0 0 16px; }
dl.facts dt { color: #6b7785; }
dl.facts dd { margin: 0; }
`;
