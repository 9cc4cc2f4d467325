#!/usr/bin/env node
'use strict';
// The CLI is bundled to build-node/cli.js by `npm run build` (run automatically by `npm ci` through the
// "prepare" script).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'build-node', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('Lỗi: chưa biên dịch công cụ; hãy chạy "npm run build" trong thư mục dự án.\n');
  process.exit(2);
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
