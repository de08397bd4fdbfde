// A span that ticks on screen ("2 h 10 min"), with the exact clinic time for anyone who hovers or reads it out.
import { formatSpan } from "@intake/domain";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { useNow } from "../../ui/useNow.ts";

/** How long since `since`, re-read every 15 seconds; `now` can be passed by a parent that already ticks. */
export function Age({ since, now }: { since: Date; now?: Date }) {
  const ticking = useNow(15_000);
  const at = now ?? ticking;
  return (
    <time dateTime={since.toISOString()} title={`${formatClinicDateTime(since)} (Pacific)`}>
      {formatSpan(Math.max(0, at.getTime() - since.getTime()))}
    </time>
  );
}
