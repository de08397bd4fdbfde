// After any scheduling change: re-read everything that shows a lead's appointments, checklist, course and status.
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../api/trpc.ts";

export function useInvalidateScheduling(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [
        trpc.appointment.pathFilter(),
        trpc.scheduling.pathFilter(),
        trpc.checklist.pathFilter(),
        trpc.course.pathFilter(),
        // The lead's status shows through these (booking moves it to scheduled, an attended consult to consulted).
        trpc.handoff.pathFilter(),
        trpc.lead.pathFilter(),
      ].map((filter) => queryClient.invalidateQueries(filter)),
    );
  };
}
