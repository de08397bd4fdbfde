// Errors that stop the server or a command before it touches data: one line for the operator, no stack trace.

/** A problem the operator fixes (a missing key file, a path we cannot write); `message` is the whole report. */
export class StartupError extends Error {
  override readonly name = "StartupError";
}

const UNWRITABLE = new Set([
  "EACCES",
  "EPERM",
  "EROFS",
  "ENOTDIR",
  "EISDIR",
  "SQLITE_CANTOPEN",
  "SQLITE_READONLY",
  "SQLITE_READONLY_DIRECTORY",
  "SQLITE_READONLY_DBMOVED",
  "SQLITE_PERM",
  "SQLITE_IOERR_WRITE",
]);

/**
 * The one-line report for a file or directory we cannot create, open or write (SQLite's and the
 * file system's codes), naming the path and what to change; any other error is returned as is.
 */
export function explainFileError(error: unknown, path: string, what: string, verb: "read" | "write" = "write"): unknown {
  // drizzle wraps SQLite's error (a migration's statement) in its own, with SQLite's as the cause.
  let cause: unknown = error;
  while (cause && typeof (cause as { code?: unknown }).code !== "string" && (cause as { cause?: unknown }).cause) cause = (cause as { cause?: unknown }).cause;
  const { code, syscall } = (cause ?? {}) as { code?: unknown; syscall?: unknown };
  // mkdir -p meets a regular file where a directory should be.
  const fileInPath = code === "ENOTDIR" || code === "EISDIR" || (code === "EEXIST" && syscall === "mkdir");
  if (typeof code !== "string" || !(UNWRITABLE.has(code) || fileInPath)) return error;
  const fix = fileInPath
    ? "a part of that path is a file where a directory is expected (or the reverse): choose another path"
    : `give the user running Iris Intake ${verb} access to that file and write access to its directory (SQLite writes -wal and -shm files beside it), or choose another path`;
  return new StartupError(`Cannot ${verb} ${what} ${path} (${code}): ${fix}.`);
}
