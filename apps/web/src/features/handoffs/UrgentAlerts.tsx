// The clinician's urgent alert beyond the banner: the tab title, a desktop notification, a sound.
import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useTitleOverride } from "../../ui/useTitleOverride.ts";
import { playUrgentSound, setSoundOn, soundOn } from "./alertSound.ts";
import { useInbox } from "./inbox.ts";

export const urgentTitle = (count: number) => `URGENT (${count}) — Iris Intake`;

const notificationsSupported = () => typeof window !== "undefined" && "Notification" in window;

/**
 * Mounted for clinicians on every screen. While urgent handoffs are unread the tab says so (seen
 * from another tab or window); each urgent handoff that arrives while the dashboard is open plays
 * the sound (unless turned off) and, with the browser's permission, raises a desktop notification
 * that names no patient (it can show on a locked screen).
 */
export function UrgentAlerts() {
  const inbox = useInbox();
  const navigate = useNavigate();
  const urgentIds = (inbox.data?.unread ?? []).filter((h) => h.urgent).map((h) => h.id);
  useTitleOverride(urgentIds.length > 0 ? urgentTitle(urgentIds.length) : null);

  const known = useRef<Set<number> | null>(null);
  const idsKey = urgentIds.join(",");
  useEffect(() => {
    if (!inbox.data) return;
    const ids = idsKey ? idsKey.split(",").map(Number) : [];
    // What was already waiting when the dashboard opened is shown by the banner and the title.
    if (known.current === null) {
      known.current = new Set(ids);
      return;
    }
    const seen = known.current;
    const fresh = ids.filter((id) => !seen.has(id));
    for (const id of fresh) seen.add(id);
    if (fresh.length === 0) return;
    if (soundOn()) playUrgentSound();
    if (notificationsSupported() && Notification.permission === "granted") {
      for (const id of fresh) {
        const note = new Notification("Urgent: a caller needs a clinician now", {
          body: "A screening raised a safety concern. Open Iris Intake to review it.",
          tag: `intake-urgent-${id}`,
          requireInteraction: true,
        });
        note.onclick = () => {
          window.focus();
          void navigate(`/handoffs/${id}/review`);
          note.close();
        };
      }
    }
  }, [inbox.data, idsKey, navigate]);
  return null;
}

/**
 * The clinician's choices for this computer: the sound, and desktop notifications. The browser asks
 * for permission only when the clinician presses the button, never on its own as the page opens.
 */
export function UrgentAlertSettings() {
  const [sound, setSound] = useState(soundOn);
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">(() =>
    notificationsSupported() ? Notification.permission : "unsupported",
  );
  async function askPermission() {
    setPermission(await Notification.requestPermission());
  }
  return (
    <div className="urgent-settings" role="group" aria-label="Urgent alerts on this computer">
      <label>
        <input
          type="checkbox"
          checked={sound}
          onChange={(event) => {
            const on = event.currentTarget.checked;
            setSoundOn(on);
            setSound(on);
            if (on) playUrgentSound();
          }}
        />{" "}
        Play a sound for urgent alerts
      </label>
      {permission === "default" ? (
        <button type="button" className="button button-secondary" onClick={() => void askPermission()}>
          Show desktop notifications for urgent alerts
        </button>
      ) : permission === "granted" ? (
        <p className="muted">Desktop notifications for urgent alerts are on.</p>
      ) : permission === "denied" ? (
        <p className="muted">Desktop notifications are blocked for this site in the browser&apos;s settings.</p>
      ) : null}
    </div>
  );
}
