// Preloaded into every process the benchmark times (node --require): at exit it writes the process's
// own peak resident set size (getrusage ru_maxrss, kB) and CPU time (user + system, µs) as JSON, so
// no external tool such as /usr/bin/time is needed.
'use strict';
const { writeFileSync } = require('node:fs');

const target = process.env.BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKb: u.maxRSS, cpuUs: u.userCPUTime + u.systemCPUTime }));
  });
}
