// Removes the run's database (with SQLite's side files and its key file) once the suite is done.
import { rmSync } from "node:fs";

export default function globalTeardown(): void {
  const db = process.env.INTAKE_E2E_DB;
  if (!db) return;
  for (const suffix of ["", "-wal", "-shm", "-journal", ".keys"]) rmSync(`${db}${suffix}`, { force: true });
}
