// Entry point of `pnpm bench` (turbo runs it in apps/server): options from flags, figures to stdout and results/latest.json.
import { parseArgs } from "node:util";
import { defaultBenchPaths, runBench } from "./bench.ts";

const { values } = parseArgs({
  // `pnpm bench -- --db …` hands turbo's "--" through.
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    db: { type: "string", default: process.env.BENCH_DB ?? defaultBenchPaths.db },
    leads: { type: "string", default: "250000" },
    calls: { type: "string", default: "1000000" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "64" },
    coordinators: { type: "string", default: "16" },
    probes: { type: "string", default: "200" },
    out: { type: "string", default: defaultBenchPaths.out },
  },
});

const result = await runBench({
  dbPath: values.db,
  leads: Number(values.leads),
  calls: Number(values.calls),
  duration: Number(values.duration),
  connections: Number(values.connections),
  coordinators: Number(values.coordinators),
  probes: Number(values.probes),
  out: values.out,
});
const missed = Object.entries(result.goals).filter(([, g]) => !g.met);
console.log(missed.length ? `Goals not met: ${missed.map(([name, g]) => `${name} = ${g.measured} (target ${g.target})`).join("; ")}` : "All goals met.");
