// After the suite: the server's log must hold no patient data; then remove the run's database, side files and key file.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { usedStepFile } from "./fixtures.ts";

/** What the tests type for patients: 555 phone numbers in any format and the generated "Tester" names. */
const PATIENT_DATA = [/\+1\d{3}555\d{4}/, /\(?\d{3}\)?[ .-]555[ .-]\d{4}/, /Tester[0-9a-z]{3,}/i];

export default function globalTeardown(): void {
  const db = process.env.INTAKE_E2E_DB;
  if (!db) return;
  const logFile = `${db}.log`;
  const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
  for (const suffix of ["", "-wal", "-shm", "-journal", ".keys", ".lock", ".log"]) rmSync(`${db}${suffix}`, { force: true });
  rmSync(usedStepFile(db), { force: true });
  if (!log.includes("request completed")) throw new Error("The server wrote no request log, so it could not be checked for patient data.");
  const found = PATIENT_DATA.filter((pattern) => pattern.test(log));
  if (found.length) throw new Error(`The server's log holds patient data (matched ${found.map(String).join(", ")}).`);
  console.log(`Server log checked: ${log.split("\n").length} lines, no patient data.`);
}
