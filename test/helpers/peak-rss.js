// Preloaded with `node --require` by the CLI size tests: prints the process's peak resident set
// size on stderr when it exits. VmHWM (/proc/self/status) is this process's own peak; the fallback,
// process.resourceUsage().maxRSS (kilobytes), also counts the parent's RSS at spawn time on Linux
// (the high-water mark is kept across exec), so it is only an upper bound.
'use strict';
const { readFileSync } = require('node:fs');
process.on('exit', () => {
  let kb = process.resourceUsage().maxRSS;
  try {
    const m = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) kb = Number(m[1]);
  } catch {
    // not Linux: the upper bound
  }
  process.stderr.write(`peak-rss-mb=${Math.round(kb / 1024)}\n`);
});
