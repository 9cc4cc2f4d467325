// Preloaded with `node --require` by the CLI size test: prints the process's peak resident set
// size on stderr when it exits (process.resourceUsage().maxRSS is in kilobytes).
'use strict';
process.on('exit', () => {
  process.stderr.write(`peak-rss-mb=${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
});
