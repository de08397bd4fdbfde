// The "/" key: jump to the leads search box from anywhere, as in most search-driven tools.
import { useNavigate } from "react-router";
import { z } from "zod";
import { useKeyShortcut, usePageLeavingKeysOn } from "../../ui/useKeyShortcut.ts";

export const LEAD_SEARCH_KEY = "/";
export const LEAD_SEARCH_ID = "lead-search";

/** History state asking the leads page to put the cursor in its search box once it shows. */
export const FocusSearchState = z.object({ focusSearch: z.boolean().optional() }).catch({});

export function useLeadSearchShortcut(enabled: boolean): void {
  const navigate = useNavigate();
  const keyOn = usePageLeavingKeysOn();
  useKeyShortcut(
    LEAD_SEARCH_KEY,
    () => {
      const box = document.getElementById(LEAD_SEARCH_ID);
      if (box) box.focus();
      else void navigate("/leads", { state: { focusSearch: true } });
    },
    enabled && keyOn,
  );
}
