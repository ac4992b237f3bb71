import { appendResults } from "./results.js";
import { runSoak } from "./soak-run.js";

/**
 * `npm run soak [-- --minutes N] [--postgres [--instances N]] [--dump FILE]`: the fault soak (default 10
 * minutes, a kill every 20 to 60 seconds). With --postgres, on a throwaway PostgreSQL server and
 * with N servers (default 1) on its one database behind a round-robin proxy, one killed at a
 * time. Prints the counts, appends them to bench/RESULTS.md, and exits non-zero on a loss, a
 * duplicate or a message out of order. --dump writes the run's record (the fake Bot API's calls,
 * the clients' helps, the servers' lifetimes) to FILE as JSON, for finding out why a run failed.
 */
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const minutes = Number(argument("--minutes") ?? 10);
if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 180) {
  process.stderr.write("--minutes must be a number from 0 to 180\n");
  process.exit(2);
}
const postgres = process.argv.includes("--postgres");
const instances = Number(argument("--instances") ?? 1);
if (!Number.isInteger(instances) || instances < 1 || instances > 8 || (instances > 1 && !postgres)) {
  process.stderr.write("--instances must be a whole number from 1 to 8, and more than 1 needs --postgres\n");
  process.exit(2);
}
const report = await runSoak({
  seconds: Math.round(minutes * 60),
  pairs: 20,
  killEverySeconds: [20, 60],
  seed: Date.now() % 100_000,
  postgres,
  instances,
  dump: argument("--dump"),
  log: (line) => process.stdout.write(`${line}\n`),
});
const lines = [
  `Soak: ${minutes} min on ${report.store}, ${report.instances} instance${report.instances === 1 ? "" : "s"}, ${report.kills} kills, ${report.updatesSent} updates accepted (${report.redelivered} delivered twice)`,
  `answers acknowledged ${report.answersAcknowledged}, missing ${report.answersMissing}`,
  `check-ins completed ${report.checkinsCompleted}, summaries missing ${report.summariesMissing}, still queued at the end ${report.summariesQueued}`,
  `sent twice within one lifetime ${report.duplicatesWithinLifetime}; by two live instances ${report.duplicatesAcrossLiveInstances}; sent again after a kill that fell between a send and its record ${report.resentAcrossKill}; out of order ${report.outOfOrder}; "help" asked ${report.helpsAsked} times, questions repeated for it ${report.repeatedOnHelp}`,
  report.ok
    ? "PASS: nothing lost, nothing sent twice within a lifetime or by two live instances, everyone's messages in order"
    : "FAIL",
];
process.stdout.write(`${lines.join("\n")}\n`);
for (const d of report.details) process.stdout.write(`  ${d}\n`);
appendResults("Soak", lines);
process.exit(report.ok ? 0 : 1);
