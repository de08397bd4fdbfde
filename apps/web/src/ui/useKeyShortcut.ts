// Single-key shortcuts for the whole page, ignored while someone is typing in a field.
import { useEffect, useEffectEvent } from "react";
import { matchPath, useLocation } from "react-router";

/**
 * The screening screen is worked on a live call, by keyboard, with focus often on a button: there a
 * stray key that opens another page (N for Log a call, / for the lead search) would take the
 * coordinator off the caller's screen. Those keys are off there; their buttons stay one click away.
 */
const STAY_ON = ["/leads/:id/screening"];

/** Whether a shortcut that opens another page may do so from the page shown now. */
export function usePageLeavingKeysOn(): boolean {
  const { pathname } = useLocation();
  return STAY_ON.every((pattern) => matchPath(pattern, pathname) === null);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * Calls `onPress` when `key` is pressed with no modifier outside any text field. A letter typed into
 * a field, or a key combined with Ctrl/Alt/Meta (the browser's own shortcuts), never triggers it.
 */
export function useKeyShortcut(key: string, onPress: () => void, enabled = true): void {
  // The latest handler is read at press time, so callers need not memoise it.
  const press = useEffectEvent(onPress);

  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.repeat || event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.key.toLowerCase() !== key.toLowerCase() || isTyping(event.target)) return;
      event.preventDefault();
      press();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [key, enabled]);
}
