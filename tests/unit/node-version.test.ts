import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const engines: string = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).engines.node;
const readme = readFileSync(new URL('README.md', root), 'utf8');

type Version = [number, number, number];
const parse = (v: string): Version => {
  const [major = 0, minor = 0, patch = 0] = v.split('.').map(Number);
  return [major, minor, patch];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const short = ([major, minor]: Version) => (minor === 0 ? `${major}` : `${major}.${minor}`);

/** `^20.19.0 || ^22.13.0 || >=24` → [{ from: 20.19.0, sameMajor: true }, …]: the only forms package.json uses. */
function alternatives(range: string): Array<{ from: Version; sameMajor: boolean }> {
  return range.split('||').map((part) => {
    const m = /^\s*(\^|>=)\s*(\d+(?:\.\d+){0,2})\s*$/.exec(part);
    if (!m) throw new Error(`engines.node: cannot read ${JSON.stringify(part)}`);
    return { from: parse(m[2]), sameMajor: m[1] === '^' };
  });
}

const setUp = readme.slice(readme.indexOf('## Set up and test'), readme.indexOf('\n## ', readme.indexOf('## Set up and test') + 1));

describe('the Node version', () => {
  const ranges = alternatives(engines);
  const minimum = ranges.map((r) => r.from).sort(compare)[0];

  it('README names the minimum that package.json engines does, and the same range', () => {
    expect(setUp).toContain(`**Node.js ${short(minimum)} or later**`);
    expect(setUp).toContain(`\`${engines}\``);
    for (const { from } of ranges) expect(setUp).toContain(`${short(from)}+`);
  });

  it('the Node running the tests (as CI does) is one engines allows', () => {
    const running = parse(process.versions.node);
    const allowed = ranges.some(({ from, sameMajor }) => compare(running, from) >= 0 && (!sameMajor || running[0] === from[0]));
    expect(allowed, `Node ${process.versions.node} is outside engines ${engines}`).toBe(true);
  });
});
