import { parseArgs } from 'node:util';
import { resultFiles, writeResultJson } from '../bench/result-files.js';
import { runSoak } from './soak.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    duplicates: { type: 'string', default: '0.3' },
    faults: { type: 'string', default: '0.1' },
    seed: { type: 'string' },
    'kill-rate': { type: 'string', default: '0.01' },
    hostile: { type: 'string' },
    write: { type: 'boolean', default: false },
  },
});
const files = resultFiles({ write: values.write === true });

const numberOption = (name: string, text: string, max: number): number => {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > max) {
    console.error(`--${name} must be a number between 0 and ${max}`);
    process.exit(2);
  }
  return value;
};

const requests = Math.round(
  numberOption('requests', values.requests, 1_000_000)
);
const seed =
  values.seed === undefined
    ? Math.floor(Math.random() * 2 ** 31)
    : Math.round(numberOption('seed', values.seed, 2 ** 32));
console.log(`soak: seed ${seed} (replay with --seed ${seed})`);

const started = Date.now();
const report = await runSoak({
  requests,
  duplicates: numberOption('duplicates', values.duplicates, 0.99),
  faults: numberOption('faults', values.faults, 1),
  killRate: numberOption('kill-rate', values['kill-rate'], 1),
  ...(values.hostile === undefined
    ? {}
    : { hostile: Math.round(numberOption('hostile', values.hostile, 10_000)) }),
  seed,
  log: (line) => console.log(`  ${line}`),
});
const totalMs = Date.now() - started;

const rows: [string, unknown][] = [
  ['requests', report.requests],
  ['uniqueKeys', report.uniqueKeys],
  ['jobsStarted', report.jobsStarted],
  ['duplicateJobs', report.duplicateJobs],
  ['lost', report.lost],
  [
    'dlq (rejected / redriven)',
    `${report.dlq} (${report.dlqRejected} / ${report.dlqRedriven})`,
  ],
  ['rejected', report.rejected],
  [
    'invalid sent (R5 / R6)',
    `${report.invalidSent.r5} / ${report.invalidSent.r6}`,
  ],
  ['R6 rejection codes', JSON.stringify(report.r6Codes)],
  ['unexpectedRejections', report.unexpectedRejections],
  ['notified', report.notified],
  ['maxNotificationsPerJob', report.maxNotificationsPerJob],
  ['faultsInjected', report.faultsInjected],
  ['kills', report.kills],
  ['failedInvocations', report.failedInvocations],
  ['typeErrors', report.typeErrors],
  [
    'R2 redelivered / new starts',
    `${report.redelivered.sent} / ${report.redelivered.newStarts}`,
  ],
  [
    'R8 burst sent / started / dlq',
    `${report.burst.sent} / ${report.burst.started} / ${report.burst.dlq}`,
  ],
  [
    'hostile sent (fixed / generated)',
    `${report.hostile.sent} (${report.hostile.fixed} / ${report.hostile.generated})`,
  ],
  [
    'hostile started / rejected / redriven / lost',
    `${report.hostile.started} / ${report.hostile.rejected} / ${report.hostile.redriven} / ${report.hostile.lost}`,
  ],
  [
    'hostile notifications / copies (max per message)',
    `${report.hostile.notifications} / ${report.hostile.copies} (${report.hostile.maxNotificationsPerMessage})`,
  ],
  [
    'hostile max receive count / retried in vain',
    `${report.hostile.maxReceiveCount} / ${report.hostile.retriedInVain}`,
  ],
  ['hostile rejection codes', JSON.stringify(report.hostile.codes)],
  ['duration', `${(totalMs / 1000).toFixed(1)} s`],
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [key, value] of rows) {
  console.log(`${key.padEnd(width)}  ${String(value)}`);
}
console.log('');
for (const [name, ok] of Object.entries(report.invariants)) {
  console.log(`${name}  ${ok ? 'PASS' : 'FAIL'}`);
}
for (const line of report.counterexamples) {
  console.log(`  counterexample: ${line}`);
}

const written = await writeResultJson(files, 'soak.json', {
  ...report,
  durationMs: totalMs,
});
console.log(
  `wrote ${written}${files.tracked ? '' : ' (run with --write or BENCH_WRITE=1 to update bench/soak.json)'}`
);

const failed = Object.values(report.invariants).some((ok) => !ok);
process.exit(failed ? 1 : 0);
