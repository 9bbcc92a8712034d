/**
 * `npm run bench`: measures restore-relay on the local AWS and prints a
 * table; writes the figures to `.bench/results.json` (ignored). With
 * `--write` or `BENCH_WRITE=1` it writes them to bench/results.json and the
 * table into BENCHMARKS.md instead. Every timing is a ratio against a
 * baseline measured in the same run, because build machines are noisy.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureBundleSizes } from './bundle-size.js';
import { measureColdStarts } from './cold-start.js';
import { REPO_ROOT } from './esbuild-options.js';
import {
  type HostileRss,
  measureBatchParallelism,
  measureCalls,
  measureCpu,
  measureHostileRssAll,
  measureThrottledDrain,
} from './load-scenarios.js';
import { startLocalRig } from './local-rig.js';
import { packageFunctions } from './package-functions.js';
import { resultFiles, writeResultJson } from './result-files.js';

/** The goals of the issue, with the direction that passes. */
const GOALS = {
  bundleZipBytes: { limit: 150 * 1024, text: '≤ 150 KB' },
  coldStartRatio: { limit: 1.3, text: '≤ 1.3' },
  cpuPerMessageRatio: { limit: 1.5, text: '≤ 1.5' },
  callsPerMessage: { limit: 5, text: '≤ 5' },
  callsPerDuplicate: { limit: 1, text: '1' },
  backupCallsPerDuplicate: { limit: 0, text: '0' },
  batchParallelismRatio: { limit: 2, text: '≤ 2' },
  throttledDrainRatio: { limit: 1.25, text: '≤ 1.25' },
  throttledDlqCount: { limit: 0, text: '0' },
  peakRssMb: { limit: 128, text: '≤ 128 MB' },
  hostilePeakRssMb: { limit: 128, text: '≤ 128 MB' },
} as const;

const { values } = parseArgs({
  options: {
    'cold-runs': { type: 'string', default: '15' },
    'cpu-messages': { type: 'string', default: '400' },
    'drain-requests': { type: 'string', default: '100' },
    'drain-rate': { type: 'string', default: '10' },
    'hostile-samples': { type: 'string', default: '12' },
    write: { type: 'boolean', default: false },
  },
  strict: true,
});
const files = resultFiles({ write: values.write });

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

log('bench: packaging the functions (osls package)…');
const artifacts = await packageFunctions();
const bundleZipBytes = await measureBundleSizes(artifacts);
log('bench: cold starts…');
const coldStarts = await measureColdStarts(artifacts, {
  runs: Number(values['cold-runs']),
});
log('bench: starting the local AWS…');
const rig = await startLocalRig();
// Unthrottled but for the drain, which sets its own quota: the other
// measures count calls and time work, not the emulator's token bucket.
rig.local.backup.configure({ throttle: { StartRestoreJob: null } });
let load: {
  calls: Awaited<ReturnType<typeof measureCalls>>;
  cpu: Awaited<ReturnType<typeof measureCpu>>;
  batch: Awaited<ReturnType<typeof measureBatchParallelism>>;
  drain: Awaited<ReturnType<typeof measureThrottledDrain>>;
  hostile: Awaited<ReturnType<typeof measureHostileRssAll>>;
};
try {
  log('bench: AWS calls per message…');
  const calls = await measureCalls(rig);
  log('bench: CPU per message…');
  const cpu = await measureCpu(rig, Number(values['cpu-messages']));
  log('bench: batch parallelism…');
  const batch = await measureBatchParallelism(rig);
  log('bench: throttled drain…');
  const drain = await measureThrottledDrain(
    rig,
    Number(values['drain-requests']),
    Number(values['drain-rate'])
  );
  log('bench: peak RSS of hostile messages…');
  rig.local.backup.configure({ throttle: { StartRestoreJob: null } });
  const hostile = await measureHostileRssAll(rig, {
    samples: Number(values['hostile-samples']),
  });
  load = { calls, cpu, batch, drain, hostile };
} finally {
  await rig.stop();
}

const results = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  bundleZipBytes,
  coldStartRatio: Object.fromEntries(
    Object.entries(coldStarts).map(([name, c]) => [name, c.ratio])
  ),
  cpuPerMessageRatio: load.cpu.ratio,
  callsPerMessage: load.calls.callsPerMessage,
  callsPerDuplicate: load.calls.callsPerDuplicate,
  backupCallsPerDuplicate: load.calls.backupCallsPerDuplicate,
  batchParallelismRatio: load.batch.ratio,
  throttledDrainRatio: load.drain.ratio,
  throttledDlqCount: load.drain.dlqCount,
  peakRssMb: load.drain.peakRssMb,
  hostilePeakRssMb: {
    oneMiB: load.hostile.oneMiB.peakRssMb,
    generatedWorst: load.hostile.generatedWorst.peakRssMb,
  },
  hostileRssRatio: {
    oneMiB: load.hostile.oneMiB.ratio,
    generatedWorst: load.hostile.generatedWorst.ratio,
  },
  details: {
    coldStarts,
    calls: load.calls,
    cpu: load.cpu,
    batch: load.batch,
    drain: load.drain,
    hostile: load.hostile,
  },
};

const pass = (ok: boolean): string => (ok ? 'yes' : '**no**');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const rows: string[][] = [];
for (const [name, bytes] of Object.entries(bundleZipBytes)) {
  rows.push([
    `bundle zip, ${name}`,
    kb(bytes),
    GOALS.bundleZipBytes.text,
    pass(bytes <= GOALS.bundleZipBytes.limit),
  ]);
}
for (const [name, c] of Object.entries(coldStarts)) {
  rows.push([
    `cold start, ${name}`,
    `${c.ratio} (${c.handlerMs} / ${c.referenceMs} ms)`,
    GOALS.coldStartRatio.text,
    pass(c.ratio <= GOALS.coldStartRatio.limit),
  ]);
}
const single: [keyof typeof GOALS, number, string][] = [
  [
    'cpuPerMessageRatio',
    load.cpu.ratio,
    `${load.cpu.ratio} (${load.cpu.handlerMs} / ${load.cpu.directSdkMs} ms)`,
  ],
  [
    'callsPerMessage',
    load.calls.callsPerMessage,
    `${load.calls.callsPerMessage}`,
  ],
  [
    'callsPerDuplicate',
    load.calls.callsPerDuplicate,
    `${load.calls.callsPerDuplicate}`,
  ],
  [
    'backupCallsPerDuplicate',
    load.calls.backupCallsPerDuplicate,
    `${load.calls.backupCallsPerDuplicate}`,
  ],
  [
    'batchParallelismRatio',
    load.batch.ratio,
    `${load.batch.ratio} (${load.batch.tenRecordsMs} / ${load.batch.oneRecordMs} ms)`,
  ],
  [
    'throttledDrainRatio',
    load.drain.ratio,
    `${load.drain.ratio} (${load.drain.requests} at ${load.drain.ratePerSecond}/s in ${(load.drain.drainMs / 1000).toFixed(1)} s)`,
  ],
  ['throttledDlqCount', load.drain.dlqCount, `${load.drain.dlqCount}`],
  ['peakRssMb', load.drain.peakRssMb, `${load.drain.peakRssMb} MB`],
];
/** A hostile measure: its peak against the same environment's baseline. */
const hostileText = (m: HostileRss): string =>
  `${m.peakRssMb} MB (${m.ratio} × ${m.baselineMb} MB after one valid request; ${
    m.rejectedAs === undefined
      ? 'not rejected'
      : `rejected (${m.rejectedAs})${m.kept ? ' and kept' : ', not kept'}`
  })`;
for (const [key, value, text] of single) {
  const goal = GOALS[key];
  const ok =
    key === 'callsPerDuplicate' ? value === goal.limit : value <= goal.limit;
  rows.push([key, text, goal.text, pass(ok)]);
}
for (const [label, m] of [
  [
    `${(load.hostile.oneMiB.bytes / 1_048_576).toFixed(2)} MiB message`,
    load.hostile.oneMiB,
  ],
  [
    `worst of ${load.hostile.generated.length} generated (seed ${load.hostile.seed})`,
    load.hostile.generatedWorst,
  ],
] as const) {
  rows.push([
    `hostilePeakRssMb, ${label}`,
    hostileText(m),
    GOALS.hostilePeakRssMb.text,
    pass(m.peakRssMb <= GOALS.hostilePeakRssMb.limit),
  ]);
}
const table = [
  '| measure | result | goal | met |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');

const written = await writeResultJson(files, 'results.json', results);
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const benchmarks = join(REPO_ROOT, 'BENCHMARKS.md');
const doc = files.tracked
  ? await readFile(benchmarks, 'utf8').catch(() => '')
  : '';
if (doc.includes(START) && doc.includes(END)) {
  await writeFile(
    benchmarks,
    `${doc.slice(0, doc.indexOf(START) + START.length)}\n\n${`Measured ${results.measuredAt} on Node ${results.node}.`}\n\n${table}\n\n${doc.slice(doc.indexOf(END))}`
  );
}
process.stdout.write(
  `${table}\n\n${written} written${files.tracked ? ', BENCHMARKS.md updated' : ' (run with --write or BENCH_WRITE=1 to update BENCHMARKS.md and bench/results.json)'}.\n`
);
