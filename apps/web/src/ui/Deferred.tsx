// Draws its children after what is in view: when it comes near the screen, or once the browser is idle,
// whichever is first, and as a transition, so React draws it in small slices between input events.
import { startTransition, Suspense, useEffect, useRef, useState, type ReactNode } from "react";

interface Props {
  children: ReactNode;
  /** The height kept for the children until they draw, so nothing below them jumps when they do. */
  minHeight: string;
  /** False while what is in view still waits for its data: the children wait behind it, not beside it. */
  after?: boolean;
}

export function Deferred({ children, minHeight, after = true }: Props) {
  const [shown, setShown] = useState(false);
  const placeholder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (shown || !after) return;
    const show = () => startTransition(() => setShown(true));
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) show();
      },
      { rootMargin: "200px" },
    );
    if (placeholder.current) observer.observe(placeholder.current);
    // Safari has no requestIdleCallback: there, a moment after the first screen has drawn.
    const idle = typeof requestIdleCallback === "function" ? requestIdleCallback(show, { timeout: 1500 }) : window.setTimeout(show, 300);
    return () => {
      observer.disconnect();
      if (typeof cancelIdleCallback === "function") cancelIdleCallback(idle);
      else window.clearTimeout(idle);
    };
  }, [shown, after]);

  const waiting = (
    <div ref={placeholder} style={{ minHeight }}>
      <p className="muted">Loading…</p>
    </div>
  );
  // Children whose code loads on demand wait in the same place.
  return shown ? <Suspense fallback={waiting}>{children}</Suspense> : waiting;
}
