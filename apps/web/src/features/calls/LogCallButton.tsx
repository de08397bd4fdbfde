// The always-visible Log a call button in the header, for roles that log calls.
import { LOG_CALL_KEY, useCallLog } from "./CallLogProvider.tsx";

export function LogCallButton() {
  const callLog = useCallLog();
  if (!callLog) return null;
  return (
    <button type="button" className="button" aria-keyshortcuts={callLog.keyOn ? LOG_CALL_KEY : undefined} onClick={callLog.open}>
      Log a call
      {/* Not offered where the key is off (the screening screen). */}
      {callLog.keyOn ? (
        <kbd className="kbd-on-dark" aria-hidden="true">
          {LOG_CALL_KEY.toUpperCase()}
        </kbd>
      ) : null}
    </button>
  );
}
