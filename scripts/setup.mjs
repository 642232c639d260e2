// `npm run setup`: installs the project from its lockfile and builds the app. The install
// always skips the Electron binary, so the native SQLite build is compiled once; the binary
// is then fetched on its own, quietly: where it cannot be downloaded the desk opens in the
// browser instead (an earlier version let the first `npm ci` try the download, fail, and
// compile every native package again in a second `npm ci`: 9 minutes on a fresh clone).
import { join } from 'node:path';
import { root, run } from './lib.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Tawasul Desk needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}

console.log('Installing the dependencies from the lockfile (a few minutes: one native SQLite build)…');
let code = await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
});
if (code !== 0) {
  console.error('Tawasul Desk: npm could not install the dependencies; see the messages above.');
  process.exit(code);
}
if (!process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  // electron's own postinstall, run on its own: its failure (no internet) costs nothing else
  const fetched = await run('node', [join(root, 'node_modules/electron/install.js')], { stdio: ['ignore', 'ignore', 'ignore'] });
  console.log(fetched === 0
    ? 'Electron downloaded: `npm start` opens the desktop app.'
    : 'The Electron binary could not be downloaded here; the desk will open in your browser.');
}
code = await run('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (code !== 0) {
  console.error('Tawasul Desk: the build failed; see the messages above.');
  process.exit(code);
}
console.log('\nSet up. Start the desk with: npm start');
