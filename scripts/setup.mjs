// `npm run setup`: installs the project from its lockfile and builds the app. Where the
// Electron binary cannot be downloaded, it installs without it (the desk then opens in the
// browser) instead of failing.
import { run } from './lib.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Tawasul Desk needs Node.js 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}

let code = 1;
if (!process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  // The first try fetches the Electron binary too; where that cannot work, its failure is
  // expected, so its output is kept quiet and the install is retried without the binary.
  console.log('Installing the dependencies from the lockfile (a minute or two)…');
  code = await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: ['ignore', 'ignore', 'ignore'] });
  if (code !== 0) console.log('The Electron binary could not be downloaded here; installing without it (the desk will open in your browser).');
}
if (code !== 0) {
  code = await run('npm', ['ci', '--no-audit', '--no-fund'], { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
}
if (code !== 0) {
  console.error('Tawasul Desk: npm could not install the dependencies; see the messages above.');
  process.exit(code);
}
code = await run('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (code !== 0) {
  console.error('Tawasul Desk: the build failed; see the messages above.');
  process.exit(code);
}
console.log('\nSet up. Start the desk with: npm start');
