// `pnpm intake <command>`: administration from the command line (adding users in production first).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { appendAudit, createUser, setAuthenticator, AppError } from "@intake/api";
import { StartupError, openDb, removeDemoUsers, schema, seedBase, type Db, type OpenedDb } from "@intake/db";
import { ROLES, UserCreateInput } from "@intake/domain";
import { readEnv } from "./env.ts";
import { SEED_USAGE, seedCommand } from "./commands/seed.ts";
import { auditVerify, backup, restore, restoreFromReplica, rotateDataKey } from "./commands/maintenance.ts";

const USAGE = `Usage: pnpm intake <command>

Commands:
  user add --email <email> --name <name> --role <${ROLES.join("|")}> [--password <password>]
      Adds a user. Without --password the password is read from standard input.
  user remove-demo
      Removes the demo users (their password and the demo admin's secret are public): deleted, or,
      where records name them, kept as names that can never sign in.
  setup --email <email> --name <name> [--password <password>]
      Prepares a production database: creates the first admin (the password is read from standard
      input), sets up their authenticator and prints its secret once. No demo data.
  user list
      Lists users (email, name, role, active).
  user totp --email <email>
      Sets up (or replaces) the user's authenticator for the second sign-in factor and prints its
      secret once. Administrators get one when they are added and cannot sign in without it.
  audit verify
      Walks the audit trail's HMAC chain and names the first entry changed, removed or reordered.
  backup <file>
      Online backup (SQLite's backup API), safe while the server runs.
  restore --from-replica <url> <path> [--timestamp <iso>]
      Restores the newest copy (or the one at that time) from a Litestream replica into a new file,
      then checks its integrity, that the key file at <path>.keys reads it, and the audit trail.
      The key file is not in the replica: put it there first.
  restore <file>
      Checks a backup's integrity and that this key file reads it, keeps the current database aside,
      then replaces it. Refused while the server runs: stop it first.
  keys rotate
      Adds a new data key, re-encrypts every encrypted field under it and retires the old one once
      no row uses it. Refused while the server runs: stop it first.
${SEED_USAGE}

The database is INTAKE_DB (default ./data/intake.sqlite).`;

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY ?? false });
  const answer = await rl.question("Password: ");
  rl.close();
  return answer.trim();
}

function printAuthenticator(a: { secret: string; otpauthUrl: string }): void {
  console.log(`Authenticator secret (add it to an authenticator app; shown once): ${a.secret}`);
  console.log(`  ${a.otpauthUrl}`);
}

/** The command line has no session: its entries name the CLI as the actor. */
function cliAudit(db: Db & OpenedDb, action: string, recordId: string | null = null): void {
  appendAudit(db, db.keys.audit, { at: Date.now(), actorId: null, actorRole: "cli", action, recordType: "user", recordId, ip: null, outcome: "ok" });
}

/** `user add`, and `setup` (the first user of a new database, an admin). */
async function addUser(path: string, args: string[], opts: { role?: "admin"; firstUser?: boolean }): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" } },
  });
  return withDb(path, async (db) => {
    if (opts.firstUser && db.select({ id: schema.user.id }).from(schema.user).limit(1).get()) {
      console.error("This database already has users: add more with `pnpm intake user add`.");
      return 1;
    }
    const parsed = UserCreateInput.safeParse({ ...values, role: opts.role ?? values.role, password: values.password ?? (await readPassword()) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
      return 2;
    }
    seedBase(db);
    const user = await createUser(db, parsed.data);
    // Adding a user grants a role: the audit trail records it.
    cliAudit(db, "user.create", String(user.id));
    console.log(`Added ${user.role} ${user.email} (id ${user.id}).`);
    // Administrators always sign in with a second factor: their authenticator is set up here.
    if (user.role === "admin") printAuthenticator(setAuthenticator(db, user.email));
    if (opts.firstUser) console.log("The database is ready for production: no demo users, no demo data.");
    return 0;
  });
}

/** Opens the database for one command; a refusal the command explains (AppError) exits with 1. */
async function withDb(path: string, command: (db: Db & OpenedDb) => Promise<number> | number): Promise<number> {
  const db = openDb({ path });
  try {
    return await command(db);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    db.$client.close();
  }
}

/** Runs one command; a problem the operator must fix (key file, lock, unwritable path) is one line on stderr. */
export async function run(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    console.error(error.message);
    return 1;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [group, verb, ...rest] = argv;
  const env = readEnv();
  if (group === "seed") return seedCommand(argv.slice(1), env.INTAKE_DB);
  if (group === "user" && verb === "add") return addUser(env.INTAKE_DB, rest, {});
  if (group === "setup") return addUser(env.INTAKE_DB, argv.slice(1), { role: "admin", firstUser: true });
  if (group === "user" && verb === "remove-demo") {
    return withDb(env.INTAKE_DB, (db) => {
      const { deleted, deactivated } = removeDemoUsers(db);
      cliAudit(db, "user.removeDemo");
      console.log(`Demo users deleted: ${deleted.length}; kept as names that cannot sign in (records name them): ${deactivated.length}.`);
      return 0;
    });
  }
  if (group === "user" && verb === "list") {
    const db = openDb({ path: env.INTAKE_DB });
    const users = db
      .select({ email: schema.user.email, name: schema.user.name, role: schema.user.role, active: schema.user.active })
      .from(schema.user)
      .orderBy(schema.user.id)
      .all();
    db.$client.close();
    for (const u of users) console.log(`${u.email}\t${u.name}\t${u.role}\t${u.active ? "active" : "inactive"}`);
    return 0;
  }
  if (group === "user" && verb === "totp") {
    const { values } = parseArgs({ args: rest, options: { email: { type: "string" } } });
    if (!values.email) {
      console.error("Give the user's email: pnpm intake user totp --email <email>");
      return 2;
    }
    const email = values.email.trim().toLowerCase();
    return withDb(env.INTAKE_DB, (db) => {
      const auth = setAuthenticator(db, email);
      cliAudit(db, "user.totp");
      printAuthenticator(auth);
      return 0;
    });
  }
  if (group === "audit" && verb === "verify") return auditVerify(env.INTAKE_DB);
  if (group === "backup" && verb) return backup(env.INTAKE_DB, verb);
  if (group === "restore" && verb === "--from-replica") {
    const { values, positionals } = parseArgs({ args: rest, options: { timestamp: { type: "string" } }, allowPositionals: true });
    const [url, target] = positionals;
    if (!url || !target || (values.timestamp !== undefined && Number.isNaN(Date.parse(values.timestamp)))) {
      console.error("Usage: pnpm intake restore --from-replica <url> <path> [--timestamp <iso>]");
      return 2;
    }
    return restoreFromReplica(url, resolve(target), values.timestamp && new Date(values.timestamp).toISOString());
  }
  if (group === "restore" && verb) return restore(env.INTAKE_DB, verb);
  if (group === "keys" && verb === "rotate") return rotateDataKey(env.INTAKE_DB);
  console.error(USAGE);
  return group === undefined || group === "help" || group === "--help" ? 0 : 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Everything the commands create (databases, backups, key files) is for this user only.
  process.umask(0o077);
  process.exitCode = await run(process.argv.slice(2));
}
