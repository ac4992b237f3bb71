import { appendResults } from "./results.js";
import { runSoak } from "./soak-run.js";

/**
 * `npm run soak [-- --minutes N]`: the fault soak (default 10 minutes, a kill every 20 to 60
 * seconds). Prints the counts, appends them to bench/RESULTS.md, and exits non-zero on a loss
 * or a duplicate.
 */
const minutesArg = process.argv.indexOf("--minutes");
const minutes = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 10;
if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 180) {
  process.stderr.write("--minutes must be a number from 0 to 180\n");
  process.exit(2);
}
const report = await runSoak({
  seconds: Math.round(minutes * 60),
  pairs: 20,
  killEverySeconds: [20, 60],
  seed: Date.now() % 100_000,
  log: (line) => process.stdout.write(`${line}\n`),
});
const lines = [
  `Soak: ${minutes} min, ${report.kills} kills, ${report.updatesSent} updates accepted (${report.redelivered} delivered twice)`,
  `answers acknowledged ${report.answersAcknowledged}, missing ${report.answersMissing}`,
  `check-ins completed ${report.checkinsCompleted}, summaries missing ${report.summariesMissing}`,
  `sent twice within one server lifetime ${report.duplicatesWithinLifetime}; sent again after a kill that fell between a send and its record ${report.resentAcrossKill}; "help" asked ${report.helpsAsked} times, questions repeated for it ${report.repeatedOnHelp}`,
  report.ok ? "PASS: nothing lost, nothing sent twice within a server lifetime" : "FAIL",
];
process.stdout.write(`${lines.join("\n")}\n`);
for (const d of report.duplicates) process.stdout.write(`  sent twice: ${d}\n`);
appendResults("Soak", lines);
process.exit(report.ok ? 0 : 1);
