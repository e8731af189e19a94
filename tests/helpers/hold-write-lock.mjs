// Another program writing to the database, as the CLI's import does while it commits: opens the
// file, takes SQLite's write lock, prints "locked", and commits after the given milliseconds
// (argv[3]) or when its stdin closes, whichever comes first.
import sqlite3 from 'sqlite3';

const [file, holdMs] = process.argv.slice(2);
const db = new sqlite3.Database(file);
let timer;
const release = () => {
  if (timer === undefined) return;
  clearTimeout(timer);
  timer = undefined;
  db.exec('commit', () => db.close());
};
db.exec('pragma busy_timeout = 10000; begin immediate', (err) => {
  if (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  process.stdout.write('locked\n');
  timer = setTimeout(release, Number(holdMs));
  process.stdin.on('end', release).resume();
});
