// A tab title that wins over the page's own <title> while it is set (an urgent alert, a signed-out screen).
import { useEffect } from "react";

/**
 * While `title` is not null the tab shows it, even when the page below renders a <title> of its
 * own (React puts those in <head> and updates them as the page changes; this puts ours back each
 * time). Cleared, the page's own title returns.
 */
export function useTitleOverride(title: string | null): void {
  useEffect(() => {
    if (title === null) return;
    let underlying = document.title;
    const apply = () => {
      if (document.title === title) return;
      underlying = document.title;
      document.title = title;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = underlying;
    };
  }, [title]);
}
