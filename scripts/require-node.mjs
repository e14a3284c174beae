// Run first by every npm script: Astro 7 and Vitest 5 need Node >= 22.12. The project carries
// Node 24 as the `node` devDependency; if its install script was skipped, npm falls back to the
// system Node silently, so say so here instead of failing somewhere obscure.
var parts = process.versions.node.split('.').map(Number);
if (parts[0] < 22 || (parts[0] === 22 && parts[1] < 12)) {
  console.error(
    'kernel-export-decisions: this is Node ' +
      process.versions.node +
      ' (' +
      process.execPath +
      '); Node >= 22.12 is required.\n' +
      'The project installs Node 24 into node_modules/.bin/node through the "node" devDependency.\n' +
      'Run `npm ci` (with install scripts enabled: no --ignore-scripts) and try again.',
  );
  process.exit(1);
}
