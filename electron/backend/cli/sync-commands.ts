import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileSafely } from '../sync/write-file-safely';
import { callRpc } from './call-rpc';
import { actingAs, AS_OPTION, CliUsageError, requireString, type CliCommand } from './command';
import { withApp } from './with-database';

/** `sync pair --db <db> --hq-identity <file> --out <file>`: pins head office's key and writes this branch's identity file for head office. */
export const syncPairCommand: CliCommand = {
  words: ['sync', 'pair'],
  summary: '与总行配对：导入总行的身份文件，并导出本支行的身份文件交总行登记',
  usage: 'sync pair --db <数据库文件> --hq-identity <总行身份文件> --out <本支行身份文件> [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, 'hq-identity': { type: 'string' }, out: { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const hqIdentity = await readFile(path.resolve(requireString(values, 'hq-identity')), 'utf8');
    const out = path.resolve(requireString(values, 'out'));
    const dbPath = path.resolve(requireString(values, 'db'));
    const pairing = await withApp(dbPath, 'existing', (app) => callRpc(app, actingAs(values), 'sync.pair', { hqIdentity }));
    await writeFile(out, pairing.branchIdentity + '\n', 'utf8');
    return {
      json: { branch: pairing.branch, hq: pairing.hq, identity: out },
      text: `已与${pairing.hq.name}（${pairing.hq.code}）配对。本支行身份文件：${out}，请交总行登记。总行密钥指纹：${pairing.hq.fingerprint}`,
    };
  },
};

/** `sync export --db <db> --out <folder>`: builds the next package for head office and writes it into <folder>/<branch code>/. */
export const syncExportCommand: CliCommand = {
  words: ['sync', 'export'],
  summary: '生成发往总行的同步包，写入指定文件夹（U 盘或共享文件夹）中本支行的子文件夹',
  usage: 'sync export --db <数据库文件> --out <文件夹> [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, out: { type: 'string' }, ...AS_OPTION },
  async run(values) {
    const folder = path.resolve(requireString(values, 'out'));
    const dbPath = path.resolve(requireString(values, 'db'));
    const built = await withApp(dbPath, 'existing', (app) => callRpc(app, actingAs(values), 'sync.buildPackage', {}));
    const target = path.join(folder, built.from, built.fileName);
    await writeFileSafely(target, Buffer.from(built.contentBase64, 'base64'));
    return {
      json: { package: target, seq: built.seq, rows: built.rows },
      text: `已生成第 ${built.seq} 号同步包（${built.rows} 行）：${target}。可以拔出 U 盘。`,
    };
  },
};

/** `sync apply <package> --db <db>`: applies a package from head office (or holds or refuses it, saying why). */
export const syncApplyCommand: CliCommand = {
  words: ['sync', 'apply'],
  summary: '导入总行发来的同步包：已导入的跳过，缺少前一个包的暂存，有问题的拒收并说明原因',
  usage: 'sync apply <同步包文件> --db <数据库文件> [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, ...AS_OPTION },
  positionals: 1,
  async run(values, positionals) {
    const file = positionals[0];
    if (!file) throw new CliUsageError('请指定同步包文件');
    const bytes = await readFile(path.resolve(file));
    const dbPath = path.resolve(requireString(values, 'db'));
    const outcome = await withApp(dbPath, 'existing', (app) =>
      callRpc(app, actingAs(values), 'sync.applyPackage', { fileName: path.basename(file), contentBase64: bytes.toString('base64') }),
    );
    const text =
      outcome.status === 'applied'
        ? `已导入第 ${outcome.applied.join('、')} 号同步包。`
        : outcome.status === 'skipped'
          ? `已跳过：${outcome.reason}`
          : outcome.status === 'held'
            ? `已暂存：${outcome.reason}`
            : `已拒收：${outcome.reason}`;
    return { json: outcome, text, exitCode: outcome.status === 'held' || outcome.status === 'refused' ? 1 : 0 };
  },
};
